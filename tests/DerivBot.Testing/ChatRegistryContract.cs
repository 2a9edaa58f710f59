using DerivBot.Core.Chat;
using DerivBot.Core.Localization;
using DerivBot.Core.Ports;
using Xunit;

namespace DerivBot.Testing;

/// <summary>
/// What every <see cref="IChatRegistry"/> must do, the SQLite store, the PostgreSQL store and <see cref="InMemoryChatRegistry"/> alike:
/// first contact creates an active UTC chat in the hinted language (else English) and later contacts keep what is
/// stored; a thread is a chat of its own; inactive/active survive and create unknown chats; a migration moves the
/// settings to the new id, does nothing for an unknown old id, and leaves a known new id's settings alone.
/// </summary>
public abstract class ChatRegistryContract
{
    /// <summary>A fresh, empty registry.</summary>
    protected abstract Task<IChatRegistry> CreateAsync();

    private static readonly ChatAddress Group = new(ChatPlatform.Telegram, "-100");
    private static readonly ChatAddress Topic = new(ChatPlatform.Telegram, "-100", "7");
    private static readonly ChatAddress Channel = new(ChatPlatform.Discord, "555");

    private static Task<ChatSettings> Get(IChatRegistry r, ChatAddress chat, Language? hint = null) => r.GetOrCreateAsync(chat, hint, CancellationToken.None);

    [StoreFact]
    public async Task GetOrCreate_FirstContact_ActiveUtcInTheHintedLanguage()
    {
        var registry = await CreateAsync();

        var settings = await Get(registry, Group, Language.ZhTw);

        Assert.Equal(new ChatSettings(Group, Language.ZhTw, "UTC", Active: true), settings);
        Assert.Equal(Language.En, (await Get(registry, Channel)).Language);
    }

    [StoreFact]
    public async Task GetOrCreate_Again_KeepsTheStoredSettings()
    {
        var registry = await CreateAsync();
        await Get(registry, Group, Language.ZhCn);

        Assert.Equal(Language.ZhCn, (await Get(registry, Group, Language.En)).Language);
    }

    [StoreFact]
    public async Task GetOrCreate_ThreadOfAChat_IsAChatOfItsOwn()
    {
        var registry = await CreateAsync();
        await Get(registry, Group, Language.ZhTw);

        var topic = await Get(registry, Topic, Language.ZhCn);

        Assert.Equal((Topic, Language.ZhCn), (topic.Address, topic.Language));
        Assert.Equal(Language.ZhTw, (await Get(registry, Group)).Language);
    }

    [StoreFact]
    public async Task MarkInactive_ThenActive_StoredEachTime()
    {
        var registry = await CreateAsync();
        await Get(registry, Group, Language.ZhTw);

        await registry.MarkInactiveAsync(Group, "bot kicked", CancellationToken.None);
        Assert.False((await Get(registry, Group)).Active);
        await registry.MarkActiveAsync(Group, CancellationToken.None);

        var settings = await Get(registry, Group);
        Assert.True(settings.Active);
        Assert.Equal(Language.ZhTw, settings.Language);
    }

    [StoreFact]
    public async Task MarkInactive_UnknownChat_CreatedInactive()
    {
        var registry = await CreateAsync();

        await registry.MarkInactiveAsync(Channel, "channel deleted", CancellationToken.None);

        Assert.Equal(new ChatSettings(Channel, Language.En, "UTC", Active: false), await Get(registry, Channel, Language.ZhCn));
    }

    [StoreFact]
    public async Task Migrate_ToANewId_SettingsMoveAndTheOldIdStartsAfresh()
    {
        var registry = await CreateAsync();
        await Get(registry, Group, Language.ZhTw);
        var supergroup = new ChatAddress(ChatPlatform.Telegram, "-1001");

        await registry.MigrateAsync(Group, supergroup, CancellationToken.None);

        Assert.Equal(new ChatSettings(supergroup, Language.ZhTw, "UTC", Active: true), await Get(registry, supergroup));
        Assert.Equal(Language.En, (await Get(registry, Group)).Language);
    }

    [StoreFact]
    public async Task Migrate_UnknownOldIdOrTheSameId_NothingChanges()
    {
        var registry = await CreateAsync();
        await Get(registry, Group, Language.ZhTw);
        var supergroup = new ChatAddress(ChatPlatform.Telegram, "-1001");

        await registry.MigrateAsync(new ChatAddress(ChatPlatform.Telegram, "-99"), supergroup, CancellationToken.None);
        await registry.MigrateAsync(Group, Group, CancellationToken.None);

        Assert.Equal(Language.ZhTw, (await Get(registry, Group)).Language);
        Assert.Equal(Language.ZhCn, (await Get(registry, supergroup, Language.ZhCn)).Language); // never created by the migration
    }

    [StoreFact]
    public async Task Migrate_BothIdsKnown_TheNewChatKeepsItsSettings()
    {
        var registry = await CreateAsync();
        var supergroup = new ChatAddress(ChatPlatform.Telegram, "-1001");
        await Get(registry, Group, Language.ZhTw);
        await Get(registry, supergroup, Language.ZhCn);

        await registry.MigrateAsync(Group, supergroup, CancellationToken.None);

        Assert.Equal(Language.ZhCn, (await Get(registry, supergroup)).Language);
        Assert.Equal(Language.En, (await Get(registry, Group)).Language); // the old chat is gone
    }
}
