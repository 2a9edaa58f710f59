using DerivBot.Core.Localization;
using System.Text.Json;
using DerivBot.Core.Chat;
using DerivBot.Discord.Commands;
using DerivBot.Discord.Tests.Fakes;
using DerivBot.Testing;

namespace DerivBot.Discord.Tests.Commands;

public sealed class DiscordCommandRegistrarTests
{
    private const int TestTimeoutMs = 60_000;
    private const string CommandsPath = "/api/v10/applications/" + Some.AppId + "/commands";

    [Fact(Timeout = TestTimeoutMs)]
    public async Task EnsureRegisteredAsync_Restart_SkipsUnchangedAndResendsChanged()
    {
        await using var server = await FakeDiscordServer.StartAsync();
        using var temp = new TempDirectory();
        var options = Some.Options(server, o => o.CommandHashPath = temp.File("data/discord-commands.sha256"));
        var dispatcher = new FakeCommandDispatcher(Some.Commands(), (_, _) => throw new InvalidOperationException());
        using var cts = TestTimeouts.NetworkToken();
        var logs = new CollectingLoggerProvider();

        async Task<bool> StartOnceAsync()
        {
            // A fresh client and store per "process start": only the file survives.
            using var rest = Some.Rest(options, new ManualTimeProvider(), logs);
            var registrar = new DiscordCommandRegistrar(rest, dispatcher, new FileDiscordCommandHashStore(options), logs.For<DiscordCommandRegistrar>());
            return await registrar.EnsureRegisteredAsync(Some.AppId, cts.Token);
        }

        Assert.True(await StartOnceAsync());
        Assert.False(await StartOnceAsync());
        Assert.Single(server.RequestsTo("PUT", CommandsPath));
        Assert.True(File.Exists(temp.File("data/discord-commands.sha256")));

        dispatcher.Commands = [.. Some.Commands(), new CommandInfo("lesson", [], Some.Texts("Lessons", "課程", "课程"), false, [])];
        Assert.True(await StartOnceAsync());
        Assert.Equal(2, server.RequestsTo("PUT", CommandsPath).Count);
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task EnsureRegisteredAsync_PutFails_DoesNotStoreHashSoNextStartRetries()
    {
        await using var server = await FakeDiscordServer.StartAsync();
        server.Enqueue("PUT", CommandsPath, new FakeResponse(400, """{"message":"Invalid Form Body","code":50035}"""));
        var store = new InMemoryHashStore();
        var dispatcher = new FakeCommandDispatcher(Some.Commands(), (_, _) => throw new InvalidOperationException());
        using var rest = Some.Rest(server, new ManualTimeProvider());
        var registrar = new DiscordCommandRegistrar(rest, dispatcher, store, new CollectingLoggerProvider().For<DiscordCommandRegistrar>());
        using var cts = TestTimeouts.NetworkToken();

        Assert.False(await registrar.EnsureRegisteredAsync(Some.AppId, cts.Token));
        Assert.Null(store.Hash);
        Assert.True(await registrar.EnsureRegisteredAsync(Some.AppId, cts.Token));
    }

    [Fact]
    public void Build_CommandWithChineseMenuNames_EmitsNameLocalizationsAndSkipsInvalidOnes()
    {
        var command = Some.Commands()[0] with
        {
            LocalizedNames = new Dictionary<Language, string> { [Language.ZhTw] = "資金費率", [Language.ZhCn] = "has space" },
        };

        var json = DiscordCommandDefinitions.Build([command]).AsArray().Single()!;

        Assert.Equal("funding", json["name"]!.GetValue<string>());
        Assert.Equal("資金費率", json["name_localizations"]!["zh-TW"]!.GetValue<string>());
        Assert.Null(json["name_localizations"]!["zh-CN"]); // Discord would reject the whole PUT for one bad name
    }

    [Fact]
    public void Build_Commands_LocalizesAndMarksSymbolAutocompleteAndAdminPermissions()
    {
        using var doc = JsonDocument.Parse(DiscordCommandDefinitions.Build(Some.Commands()).ToJsonString());
        var commands = doc.RootElement;

        var funding = commands[0];
        Assert.Equal("funding", funding.GetProperty("name").GetString());
        Assert.Equal(1, funding.GetProperty("type").GetInt32());
        Assert.Equal("Funding rates for a symbol", funding.GetProperty("description").GetString());
        Assert.Equal("資金費率", funding.GetProperty("description_localizations").GetProperty("zh-TW").GetString());
        Assert.Equal("资金费率", funding.GetProperty("description_localizations").GetProperty("zh-CN").GetString());
        Assert.False(funding.TryGetProperty("default_member_permissions", out _));
        var symbol = funding.GetProperty("options")[0];
        Assert.Equal(3, symbol.GetProperty("type").GetInt32());
        Assert.True(symbol.GetProperty("autocomplete").GetBoolean());
        Assert.True(symbol.GetProperty("required").GetBoolean());
        var period = funding.GetProperty("options")[1];
        Assert.Equal(["1h", "4h", "1d"], period.GetProperty("choices").EnumerateArray().Select(c => c.GetProperty("value").GetString()!).ToArray());
        Assert.Equal([0, 1], funding.GetProperty("contexts").EnumerateArray().Select(c => c.GetInt32()).ToArray());

        var subscribe = commands[1];
        Assert.Equal("32", subscribe.GetProperty("default_member_permissions").GetString());
        // Discord wants required options first, whatever the definition order.
        Assert.Equal(["symbol", "when"], subscribe.GetProperty("options").EnumerateArray().Select(o => o.GetProperty("name").GetString()!).ToArray());
    }

    [Fact]
    public void Build_LongDescriptionsAndBadNames_ClipsTo100AndSkipsInvalid()
    {
        var longText = new string('說', 300);
        var json = DiscordCommandDefinitions.Build(
        [
            new CommandInfo("Bad Name", [], Some.Texts("x", "x", "x"), false, []),
            new CommandInfo("long", [], Some.Texts(longText, longText, longText), false, []),
        ]);

        var single = Assert.Single(json);
        Assert.Equal(100, single!["description"]!.GetValue<string>().Length);
        Assert.Equal(100, single["description_localizations"]!["zh-TW"]!.GetValue<string>().Length);
    }
}
