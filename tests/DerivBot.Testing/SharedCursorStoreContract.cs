using DerivBot.Application.Coordination;
using Xunit;

namespace DerivBot.Testing;

/// <summary>
/// What every <see cref="ISharedCursorStore"/> must do — the SQLite store, the PostgreSQL store and
/// <see cref="InMemorySharedCursorStore"/> alike: an unset cursor reads null, a cursor only moves forward (a late,
/// smaller write is ignored), names do not interfere, and a second instance on the same database sees the first's value.
/// </summary>
public abstract class SharedCursorStoreContract
{
    /// <summary>Two store objects on ONE fresh database (two instances); the same object twice when there is no database.</summary>
    protected abstract Task<(ISharedCursorStore First, ISharedCursorStore Second)> CreateAsync();

    [StoreFact]
    public async Task Get_NeverSet_Null()
    {
        var (store, _) = await CreateAsync();
        Assert.Null(await store.GetAsync("telegram-offset:1", default));
    }

    [StoreFact]
    public async Task Advance_ForwardThenBack_KeepsTheLargest()
    {
        var (store, _) = await CreateAsync();
        await store.AdvanceAsync("telegram-offset:1", 100, default);
        await store.AdvanceAsync("telegram-offset:1", 250, default);
        await store.AdvanceAsync("telegram-offset:1", 120, default); // an old holder finishing late

        Assert.Equal(250, await store.GetAsync("telegram-offset:1", default));
    }

    [StoreFact]
    public async Task Advance_TwoNames_Independent()
    {
        var (store, _) = await CreateAsync();
        await store.AdvanceAsync("telegram-offset:1", 7, default);
        await store.AdvanceAsync("telegram-offset:2", 3_000_000_000, default); // update_ids exceed int

        Assert.Equal(7, await store.GetAsync("telegram-offset:1", default));
        Assert.Equal(3_000_000_000, await store.GetAsync("telegram-offset:2", default));
    }

    [StoreFact]
    public async Task Advance_ByOneInstance_SeenByTheOther()
    {
        var (first, second) = await CreateAsync();
        await first.AdvanceAsync("telegram-offset:1", 41, default);

        Assert.Equal(41, await second.GetAsync("telegram-offset:1", default));
        await second.AdvanceAsync("telegram-offset:1", 42, default);
        Assert.Equal(42, await first.GetAsync("telegram-offset:1", default));
    }
}
