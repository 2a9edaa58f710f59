using DerivBot.Host.Cli;

namespace DerivBot.Host.Tests.Cli;

public sealed class CommandLineTests
{
    [Fact]
    public void Parse_NoArguments_RunsTheWorker()
    {
        var cli = CommandLine.Parse([]);

        Assert.Null(cli.Error);
        Assert.Equal(Verb.Run, cli.Verb);
        Assert.False(cli.Replay);
    }

    [Fact]
    public void Parse_Demo_ImpliesReplay()
    {
        var cli = CommandLine.Parse(["demo", "--lang", "zh-TW"]);

        Assert.Null(cli.Error);
        Assert.Equal(Verb.Demo, cli.Verb);
        Assert.True(cli.Replay);
        Assert.Equal("zh-TW", cli.Language);
    }

    [Fact]
    public void Parse_AskWithFlags_KeepsCommandTextAndFlags()
    {
        var cli = CommandLine.Parse(["ask", "/funding BTC", "--json", "--replay", "--lang", "zh-CN"]);

        Assert.Null(cli.Error);
        Assert.Equal(Verb.Ask, cli.Verb);
        Assert.Equal("/funding BTC", cli.AskText);
        Assert.True(cli.Json);
        Assert.True(cli.Replay);
        Assert.Equal("zh-CN", cli.Language);
    }

    [Fact]
    public void Parse_ConfigurationOverride_PassedToHost()
    {
        var cli = CommandLine.Parse(["run", "--Venues:Mode=Replay"]);

        Assert.Null(cli.Error);
        Assert.Equal(["--Venues:Mode=Replay"], cli.HostArgs);
    }

    [Theory]
    [InlineData(new[] { "ask" }, "ask needs a command")]
    [InlineData(new[] { "fly" }, "unknown verb 'fly'")]
    [InlineData(new[] { "ask", "/oi BTC", "--lang", "fr" }, "unknown language 'fr'")]
    [InlineData(new[] { "demo", "--lang" }, "--lang needs a value")]
    [InlineData(new[] { "run", "--bogus" }, "unexpected argument '--bogus'")]
    public void Parse_BadInput_ReturnsErrorWithUsage(string[] args, string expected)
    {
        var cli = CommandLine.Parse(args);

        Assert.NotNull(cli.Error);
        Assert.Contains(expected, cli.Error, StringComparison.Ordinal);
        Assert.Contains("usage:", cli.Error, StringComparison.Ordinal);
    }
}
