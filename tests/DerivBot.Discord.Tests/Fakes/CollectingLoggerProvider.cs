using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace DerivBot.Discord.Tests.Fakes;

/// <summary>Keeps every log line (level, formatted message, exception) so tests can check what was logged and what never was.</summary>
public sealed class CollectingLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<(LogLevel Level, string Category, string Message, Exception? Exception)> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public ILogger<T> For<T>() => new LoggerFactory([this]).CreateLogger<T>();

    public string AllText => string.Join('\n', Entries.Select(e => e.Message + " " + e.Exception));

    public void Dispose()
    {
    }

    private sealed class Logger(CollectingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Entries.Enqueue((logLevel, category, formatter(state, exception), exception));
    }
}
