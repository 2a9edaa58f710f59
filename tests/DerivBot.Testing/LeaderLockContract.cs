using DerivBot.Application.Coordination;
using Xunit;

namespace DerivBot.Testing;

/// <summary>
/// What every <see cref="ILeaderLock"/> must do — <see cref="InProcessLeaderLock"/>, the PostgreSQL advisory lock and
/// <see cref="FakeLeaderLock"/> alike: one holder per name, a contender (another instance, or the same one asking again)
/// gets null, releasing frees the name and cancels <see cref="ILeaderLease.Lost"/>, names are independent, and a holder
/// that dies (where the implementation can die apart from its process) loses the lease and frees the name.
/// </summary>
public abstract class LeaderLockContract
{
    /// <summary>Two instances competing on the same store (for a single-instance lock, the same object twice).</summary>
    protected abstract Task<(ILeaderLock First, ILeaderLock Second)> CreateContendersAsync();

    /// <summary>Kills what holds <paramref name="lease"/> (its connection) the way a dead process would; false when the
    /// implementation has nothing that can die apart from the process itself.</summary>
    protected abstract Task<bool> KillHolderAsync(ILeaderLock owner, ILeaderLease lease);

    private static string NewName() => "contract-" + Guid.NewGuid().ToString("N");

    [StoreFact]
    public async Task TryAcquire_Free_LeaseHeldNotLost()
    {
        var (first, _) = await CreateContendersAsync();
        var name = NewName();
        await using var lease = await first.TryAcquireAsync(name, CancellationToken.None);
        Assert.NotNull(lease);
        Assert.Equal(name, lease.Name);
        Assert.False(lease.Lost.IsCancellationRequested);
    }

    [StoreFact]
    public async Task TryAcquire_HeldElsewhere_NullForEveryContender()
    {
        var (first, second) = await CreateContendersAsync();
        var name = NewName();
        await using var lease = await first.TryAcquireAsync(name, CancellationToken.None);
        Assert.NotNull(lease);
        Assert.Null(await second.TryAcquireAsync(name, CancellationToken.None));
        Assert.Null(await first.TryAcquireAsync(name, CancellationToken.None)); // not re-entrant
        Assert.False(lease.Lost.IsCancellationRequested);
    }

    [StoreFact]
    public async Task Dispose_ReleasesAndSignalsLost_ContenderGetsIt()
    {
        var (first, second) = await CreateContendersAsync();
        var name = NewName();
        var lease = await first.TryAcquireAsync(name, CancellationToken.None);
        Assert.NotNull(lease);
        await lease.DisposeAsync();
        Assert.True(lease.Lost.IsCancellationRequested);
        await lease.DisposeAsync(); // twice is harmless
        await using var next = await second.TryAcquireAsync(name, CancellationToken.None);
        Assert.NotNull(next);
        Assert.False(next.Lost.IsCancellationRequested);
    }

    [StoreFact]
    public async Task TryAcquire_DifferentNames_Independent()
    {
        var (first, second) = await CreateContendersAsync();
        await using var a = await first.TryAcquireAsync(NewName(), CancellationToken.None);
        await using var b = await second.TryAcquireAsync(NewName(), CancellationToken.None);
        Assert.NotNull(a);
        Assert.NotNull(b);
    }

    [StoreFact]
    public async Task HolderDies_LeaseLost_ContenderGetsIt()
    {
        var (first, second) = await CreateContendersAsync();
        var name = NewName();
        await using var lease = await first.TryAcquireAsync(name, CancellationToken.None);
        Assert.NotNull(lease);
        if (!await KillHolderAsync(first, lease))
        {
            // Nothing can die apart from the process: the lease stays held until released.
            Assert.False(lease.Lost.IsCancellationRequested);
            Assert.Null(await second.TryAcquireAsync(name, CancellationToken.None));
            return;
        }
        await TestTimeouts.WaitUntilAsync(() => lease.Lost.IsCancellationRequested, what: "the lease to report lost");
        using var timeout = TestTimeouts.NetworkToken();
        ILeaderLease? next;
        while ((next = await second.TryAcquireAsync(name, timeout.Token)) is null)
        {
            await Task.Delay(50, timeout.Token);
        }
        await next.DisposeAsync();
    }
}
