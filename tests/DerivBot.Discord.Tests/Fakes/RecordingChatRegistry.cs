using System.Collections.Concurrent;
using DerivBot.Core.Chat;
using DerivBot.Core.Localization;
using DerivBot.Core.Ports;

namespace DerivBot.Discord.Tests.Fakes;

/// <summary>An in-memory chat registry that records what adapters told it.</summary>
public sealed class RecordingChatRegistry : IChatRegistry
{
    public ConcurrentDictionary<ChatAddress, ChatSettings> Chats { get; } = new();

    public ConcurrentQueue<(ChatAddress Chat, string Reason)> Inactivated { get; } = new();

    public ConcurrentQueue<ChatAddress> Activated { get; } = new();

    public Task<ChatSettings> GetOrCreateAsync(ChatAddress chat, Language? languageHint, CancellationToken cancellationToken) =>
        Task.FromResult(Chats.GetOrAdd(chat, c => new ChatSettings(c, languageHint ?? Language.En, "UTC", Active: true)));

    public Task MarkInactiveAsync(ChatAddress chat, string reason, CancellationToken cancellationToken)
    {
        Inactivated.Enqueue((chat, reason));
        Chats.AddOrUpdate(chat, c => new ChatSettings(c, Language.En, "UTC", false), (_, s) => s with { Active = false });
        return Task.CompletedTask;
    }

    public Task MarkActiveAsync(ChatAddress chat, CancellationToken cancellationToken)
    {
        Activated.Enqueue(chat);
        Chats.AddOrUpdate(chat, c => new ChatSettings(c, Language.En, "UTC", true), (_, s) => s with { Active = true });
        return Task.CompletedTask;
    }

    public Task MigrateAsync(ChatAddress from, ChatAddress to, CancellationToken cancellationToken) => Task.CompletedTask;
}
