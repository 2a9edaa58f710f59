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

/// <summary>An in-memory chat registry that records what the adapter told it.</summary>
public sealed class InMemoryChatRegistry : IChatRegistry
{
    public ConcurrentDictionary<string, ChatSettings> Chats { get; } = new();
    public ConcurrentQueue<(ChatAddress Chat, string Reason)> Inactivated { get; } = new();
    public ConcurrentQueue<(ChatAddress From, ChatAddress To)> Migrations { get; } = new();

    public Task<ChatSettings> GetOrCreateAsync(ChatAddress chat, Language? languageHint, CancellationToken cancellationToken) =>
        Task.FromResult(Chats.GetOrAdd(chat.ChatId, _ => new ChatSettings(chat, languageHint ?? Language.En, "UTC", true)));

    public void Set(string chatId, Language language, bool active = true) =>
        Chats[chatId] = new ChatSettings(new ChatAddress(ChatPlatform.Telegram, chatId), language, "UTC", active);

    public Task MarkInactiveAsync(ChatAddress chat, string reason, CancellationToken cancellationToken)
    {
        Inactivated.Enqueue((chat, reason));
        Chats.AddOrUpdate(chat.ChatId, _ => new ChatSettings(chat, Language.En, "UTC", false), (_, s) => s with { Active = false });
        return Task.CompletedTask;
    }

    public Task MarkActiveAsync(ChatAddress chat, CancellationToken cancellationToken)
    {
        Chats.AddOrUpdate(chat.ChatId, _ => new ChatSettings(chat, Language.En, "UTC", true), (_, s) => s with { Active = true });
        return Task.CompletedTask;
    }

    public Task MigrateAsync(ChatAddress from, ChatAddress to, CancellationToken cancellationToken)
    {
        Migrations.Enqueue((from, to));
        if (Chats.TryRemove(from.ChatId, out var s))
        {
            Chats[to.ChatId] = s with { Address = to };
        }
        return Task.CompletedTask;
    }
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
