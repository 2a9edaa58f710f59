using System.Collections.Concurrent;
using DerivBot.Core.Chat;
using DerivBot.Core.Localization;
using DerivBot.Core.Ports;
using DerivBot.Core.Reports;
using DerivBot.Testing;
using Microsoft.Extensions.Logging;

namespace DerivBot.Telegram.Tests.Fakes;

/// <summary>The commands the Telegram tests' dispatcher (the shared <see cref="FakeCommandDispatcher"/>) knows.</summary>
public static class TelegramTestCommands
{
    public static IReadOnlyList<CommandInfo> All { get; } =
    [
        FakeCommandDispatcher.Info("funding", "Funding rate", "資金費率", "资金费率"),
        FakeCommandDispatcher.Info("quadrant", "Funding × OI quadrant", "四象限", "四象限"),
        FakeCommandDispatcher.Info("language", "Set the chat language", "設定語言", "设置语言", changesSettings: true),
        FakeCommandDispatcher.Info("help", "Help", "說明", "帮助"),
    ];

    public static FakeCommandDispatcher Dispatcher() => new(All);
}

/// <summary>Captures every log line (message and exception text) of every category.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<(string Category, LogLevel Level, string Text)> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public string AllText => string.Join("\n", Entries.Select(e => $"{e.Level} {e.Category}: {e.Text}"));

    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull
        {
            owner.Entries.Enqueue((category, LogLevel.Trace, "scope: " + state));
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var text = formatter(state, exception) + (exception is null ? "" : "\n" + exception);
            if (state is IEnumerable<KeyValuePair<string, object?>> values)
            {
                text += " | " + string.Join(", ", values.Select(v => v.Key + "=" + v.Value));
            }
            owner.Entries.Enqueue((category, logLevel, text));
        }
    }
}
