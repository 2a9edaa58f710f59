using DerivBot.Core.Ports;
using DerivBot.Testing;
using DerivBot.Venues.Http;

namespace DerivBot.Venues.Tests.Binance;

public sealed class RateLimitPrimitivesTests
{
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2025, 10, 10, 0, 0, 0, TimeSpan.Zero));

    [Fact(Timeout = 10_000)]
    public async Task SlidingWindow_LimitReached_WaitsUntilOldestLeavesWindow()
    {
        using var cts = TestTimeouts.NetworkToken();
        var limiter = new SlidingWindowLimiter("binance", "fundingRate+fundingInfo", 3, TimeSpan.FromMinutes(5), _time);
        await limiter.AcquireAsync(TimeSpan.FromMinutes(10), cts.Token);
        _time.Advance(TimeSpan.FromMinutes(1));
        await limiter.AcquireAsync(TimeSpan.FromMinutes(10), cts.Token);
        await limiter.AcquireAsync(TimeSpan.FromMinutes(10), cts.Token);

        var fourth = limiter.AcquireAsync(TimeSpan.FromMinutes(10), cts.Token).AsTask();
        await TestTimeouts.WaitUntilAsync(() => _time.PendingTimers == 1, what: "the limiter to wait");
        _time.Advance(TimeSpan.FromMinutes(4) - TimeSpan.FromSeconds(1));
        Assert.False(fourth.IsCompleted);

        _time.Advance(TimeSpan.FromSeconds(1)); // the first request is now 5 min old
        await fourth.WaitAsync(TestTimeouts.Network);
        Assert.Equal(3, limiter.Count);
    }

    [Fact]
    public async Task SlidingWindow_WaitLongerThanAllowed_FailsFastWithRetryAfter()
    {
        var limiter = new SlidingWindowLimiter("binance", "/futures/data/openInterestHist", 1, TimeSpan.FromMinutes(5), _time);
        await limiter.AcquireAsync(TimeSpan.Zero, CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(1));

        var ex = await Assert.ThrowsAsync<VenueException>(() => limiter.AcquireAsync(TimeSpan.FromMinutes(1), CancellationToken.None).AsTask());

        Assert.Equal(VenueErrorKind.RateLimited, ex.Kind);
        Assert.Equal(TimeSpan.FromMinutes(4), ex.RetryAfter);
        Assert.Contains("openInterestHist", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HostGate_WeightWithinBudget_CountsAndResetsEachMinute()
    {
        var gate = new HostRateGate("binance", "fapi.binance.com", 100, _time);

        await gate.AcquireAsync(40, TimeSpan.Zero, CancellationToken.None);
        await gate.AcquireAsync(60, TimeSpan.Zero, CancellationToken.None);
        Assert.Equal(100, gate.UsedWeight);
        var ex = await Assert.ThrowsAsync<VenueException>(() => gate.AcquireAsync(1, TimeSpan.Zero, CancellationToken.None).AsTask());
        Assert.Equal(VenueErrorKind.RateLimited, ex.Kind);
        Assert.Equal(TimeSpan.FromMinutes(1), ex.RetryAfter);

        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(0, gate.UsedWeight);
        await gate.AcquireAsync(1, TimeSpan.Zero, CancellationToken.None);
    }

    [Fact]
    public async Task HostGate_ReportedWeightHigherThanOurs_VenueCountWins()
    {
        var gate = new HostRateGate("binance", "fapi.binance.com", 100, _time);
        await gate.AcquireAsync(5, TimeSpan.Zero, CancellationToken.None);

        gate.ObserveUsedWeight(97); // another process on our IP used the rest
        gate.ObserveUsedWeight(3);  // a stale, lower count never lowers what we know

        Assert.Equal(97, gate.UsedWeight);
        await Assert.ThrowsAsync<VenueException>(() => gate.AcquireAsync(5, TimeSpan.Zero, CancellationToken.None).AsTask());
    }

    [Fact]
    public async Task HostGate_RequestHeavierThanBudget_StillGoesIntoEmptyWindow()
    {
        var gate = new HostRateGate("binance", "api.binance.com", 50, _time);

        await gate.AcquireAsync(80, TimeSpan.Zero, CancellationToken.None);

        Assert.Equal(80, gate.UsedWeight);
    }

    [Fact]
    public async Task HostGate_Banned_FailsFastUntilBanEnds()
    {
        var gate = new HostRateGate("binance", "fapi.binance.com", 100, _time);
        gate.Ban(VenueErrorKind.Banned, TimeSpan.FromMinutes(2));

        var ex = await Assert.ThrowsAsync<VenueException>(() => gate.AcquireAsync(1, TimeSpan.FromHours(1), CancellationToken.None).AsTask());
        Assert.Equal(VenueErrorKind.Banned, ex.Kind);
        Assert.Equal(TimeSpan.FromMinutes(2), ex.RetryAfter);

        _time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(TimeSpan.Zero, gate.BanRemaining);
        await gate.AcquireAsync(1, TimeSpan.Zero, CancellationToken.None);
    }
}
