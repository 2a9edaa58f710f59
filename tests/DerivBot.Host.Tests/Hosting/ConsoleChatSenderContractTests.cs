using System.Text;
using System.Text.RegularExpressions;
using DerivBot.Application.Reports;
using DerivBot.Core.Chat;
using DerivBot.Host.Hosting;
using DerivBot.Testing;
using Microsoft.Extensions.Configuration;

namespace DerivBot.Host.Tests.Hosting;

/// <summary>
/// The demo's console sender passes the delivery half of the chat sender contract (a console never refuses a chat, so
/// it has no gone / refused half). What it "delivered" is read back from the blocks it wrote.
/// </summary>
public sealed class ConsoleChatSenderContractTests : ChatSenderContract, IDisposable
{
    private readonly TempDirectory _temp = new();

    protected override ChatPlatform Platform => ChatPlatform.Console;

    protected override string ChatId(int n) => "console-" + n;

    protected override Task<ChatSenderUnderTest> CreateAsync()
    {
        var stdout = new StringWriter();
        var output = new ConsoleOutput(stdout, TextWriter.Null);
        var images = new ImageFolder(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Demo:OutputDirectory"] = _temp.Path }).Build());
        var sender = new ConsoleChatSender(output, new PlainTextReportRenderer(), images, new ManualTimeProvider());
        return Task.FromResult(new ChatSenderUnderTest(sender, new InMemoryChatRegistry(), () => Blocks(stdout.ToString()), Owner: new Disposer(output)));
    }

    /// <summary>Each block starts with "──── {chat id} · {yyyy-MM-dd HH:mm} UTC ────" and runs to the next one.</summary>
    private static List<(string ChatId, string Text)> Blocks(string written)
    {
        var blocks = new List<(string ChatId, StringBuilder Text)>();
        foreach (var line in written.Split('\n'))
        {
            var header = Header.Match(line);
            if (header.Success)
            {
                blocks.Add((header.Groups[1].Value, new StringBuilder()));
            }
            if (blocks.Count == 0)
            {
                continue;
            }
            blocks[^1].Text.Append(line).Append('\n');
        }
        return [.. blocks.Select(b => (b.ChatId, b.Text.ToString()))];
    }

    private static readonly Regex Header = new(@"^──── (\S+) · \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC ────\r?$", RegexOptions.CultureInvariant);

    public void Dispose() => _temp.Dispose();

    private sealed class Disposer(IDisposable inner) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            inner.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
