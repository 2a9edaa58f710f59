using System.Collections.Concurrent;
using DerivBot.Core.Chat;
using DerivBot.Core.Localization;
using DerivBot.Core.Ports;

namespace DerivBot.Testing;

/// <summary>
/// The one <see cref="IChatRegistry"/> fake, held to <see cref="ChatRegistryContract"/> like the SQLite store: chats are
/// keyed by their whole address (platform, chat, thread); first contact creates an active chat in the hinted language
/// (else English); inactive/active on an unknown chat creates it; a migration moves the settings to the new id, and
/// when both ids are known the new chat keeps its own. It also records what the adapters told it.
/// </summary>
public sealed class InMemoryChatRegistry : IChatRegistry
{
    private readonly string _timeZone;

    /// <param name="timeZone">The zone every chat has, as if each had run <c>/tz</c> (the real store starts at UTC).</param>
    public InMemoryChatRegistry(string timeZone = "UTC") => _timeZone = timeZone;

    public ConcurrentDictionary<ChatAddress, ChatSettings> Chats { get; } = new();

    public ConcurrentQueue<(ChatAddress Chat, string Reason)> Inactivated { get; } = new();

    public ConcurrentQueue<ChatAddress> Activated { get; } = new();

    /// <summary>Every migration asked for (also those with nothing to move).</summary>
    public ConcurrentQueue<(ChatAddress From, ChatAddress To)> Migrations { get; } = new();

    /// <summary>Seeds (or overwrites) a chat's settings, as earlier commands would have stored them.</summary>
    public void Set(ChatAddress chat, Language language, bool active = true) => Chats[chat] = New(chat, language) with { Active = active };

    public Task<ChatSettings> GetOrCreateAsync(ChatAddress chat, Language? languageHint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chat);
        return Task.FromResult(Chats.GetOrAdd(chat, c => New(c, languageHint ?? Language.En)));
    }

    public Task MarkInactiveAsync(ChatAddress chat, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chat);
        Inactivated.Enqueue((chat, reason));
        Chats.AddOrUpdate(chat, c => New(c, Language.En) with { Active = false }, (_, s) => s with { Active = false });
        return Task.CompletedTask;
    }

    public Task MarkActiveAsync(ChatAddress chat, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chat);
        Activated.Enqueue(chat);
        Chats.AddOrUpdate(chat, c => New(c, Language.En), (_, s) => s with { Active = true });
        return Task.CompletedTask;
    }

    public Task MigrateAsync(ChatAddress from, ChatAddress to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        Migrations.Enqueue((from, to));
        if (from != to && Chats.TryRemove(from, out var settings))
        {
            // Both known: the new chat keeps its own settings (the store moves the rows and drops the old chat).
            var toKnown = !Chats.TryAdd(to, settings with { Address = to });
            Migrated?.Invoke(from, to, toKnown);
        }
        return Task.CompletedTask;
    }

    /// <summary>A known chat moved (from, to, whether the new id was known already): an <see cref="InMemoryStoreState"/> moves its rows along.</summary>
    internal event Action<ChatAddress, ChatAddress, bool>? Migrated;

    /// <summary>Why the chat is inactive ("" when seeded inactive without a reason), or null while it is active or unknown.</summary>
    internal string? InactiveReason(ChatAddress chat) =>
        Chats.TryGetValue(chat, out var settings) && !settings.Active
            ? Inactivated.LastOrDefault(i => i.Chat == chat).Reason ?? ""
            : null;

    /// <summary>The chat's settings, created on first sight in English as the stores create it (for <see cref="InMemoryStoreState"/>).</summary>
    internal ChatSettings GetOrCreate(ChatAddress chat) => Chats.GetOrAdd(chat, c => New(c, Language.En));

    /// <summary>Changes a chat's settings, creating it first when unknown (for <see cref="InMemoryStoreState"/>).</summary>
    internal void Update(ChatAddress chat, Func<ChatSettings, ChatSettings> change) =>
        Chats.AddOrUpdate(chat, c => change(New(c, Language.En)), (_, s) => change(s));

    private ChatSettings New(ChatAddress chat, Language language) => new(chat, language, _timeZone, Active: true);
}
