using DerivBot.Application.Coordination;
using DerivBot.Testing;

namespace DerivBot.Application.Tests.Coordination;

public sealed class InProcessLeaderLockContractTests : LeaderLockContract
{
    protected override Task<(ILeaderLock First, ILeaderLock Second)> CreateContendersAsync()
    {
        var one = new InProcessLeaderLock();
        return Task.FromResult<(ILeaderLock, ILeaderLock)>((one, one));
    }

    protected override Task<bool> KillHolderAsync(ILeaderLock owner, ILeaderLease lease) => Task.FromResult(false);
}

public sealed class FakeLeaderLockContractTests : LeaderLockContract
{
    protected override Task<(ILeaderLock First, ILeaderLock Second)> CreateContendersAsync()
    {
        var shared = new FakeLeaderLock();
        return Task.FromResult<(ILeaderLock, ILeaderLock)>((shared, shared));
    }

    protected override Task<bool> KillHolderAsync(ILeaderLock owner, ILeaderLease lease) =>
        Task.FromResult(((FakeLeaderLock)owner).Lose(lease.Name));
}
