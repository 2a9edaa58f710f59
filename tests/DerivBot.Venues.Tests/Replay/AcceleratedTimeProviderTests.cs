using DerivBot.Testing;
using DerivBot.Venues.Replay;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using DerivBot.Core.Ports;

namespace DerivBot.Venues.Tests.Replay;

public sealed class AcceleratedTimeProviderTests
{
    private static readonly DateTimeOffset Start = new(2025, 10, 10, 18, 0, 0, TimeSpan.Zero);

    [Fact]
    public void GetUtcNow_RealSecondPasses_AdvancesBySpeed()
    {
        var real = new ManualTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var clock = new AcceleratedTimeProvider(Start, 3600, real);
        var t0 = clock.GetTimestamp();

        real.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(Start.AddHours(2), clock.GetUtcNow());
        Assert.Equal(TimeSpan.FromHours(2), clock.GetElapsedTime(t0));
    }

    [Fact(Timeout = 20_000)]
    public async Task Delay_ScenarioHour_CompletesAfterOneRealSecondAtSpeed3600()
    {
        var real = new ManualTimeProvider();
        var clock = new AcceleratedTimeProvider(Start, 3600, real);

        var delay = Task.Delay(TimeSpan.FromHours(1), clock);
        real.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False(delay.IsCompleted);
        real.Advance(TimeSpan.FromMilliseconds(1));
        await delay.WaitAsync(TestTimeouts.Network);

        Assert.True(delay.IsCompletedSuccessfully);
    }

    [Fact]
    public void CreateTimer_PeriodAndChange_AreScaled()
    {
        var real = new ManualTimeProvider();
        var clock = new AcceleratedTimeProvider(Start, 60, real);
        var fired = 0;
        using var timer = clock.CreateTimer(_ => fired++, null, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2));

        real.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, fired);
        real.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(2, fired);
        timer.Change(TimeSpan.FromMinutes(10), Timeout.InfiniteTimeSpan);
        real.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal(2, fired);
        real.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(3, fired);
        real.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(3, fired);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Constructor_BadSpeed_Throws(double speed) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new AcceleratedTimeProvider(Start, speed));

    [Fact]
    public void AddReplayVenue_RegistersOneVenueForRestAndStream_AndReplayClockStartsAtSuggestedStart()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Venues:Replay:Speed"] = "7200" }).Build();
        using var provider = new ServiceCollection().AddReplayVenue(configuration).AddReplayClock(configuration).BuildServiceProvider();

        var venue = provider.GetRequiredService<IMarketDataVenue>();
        var stream = provider.GetRequiredService<IMarketStream>();
        var clock = Assert.IsType<AcceleratedTimeProvider>(provider.GetRequiredService<TimeProvider>());

        Assert.Same(venue, stream);
        Assert.Equal("replay:binance", venue.Name);
        Assert.Equal(7200, clock.Speed);
        Assert.Equal(ReplayScenario.Default.SuggestedStart, clock.Start);
    }

    [Fact]
    public void AddReplayVenue_StartOutsideScenario_FailsValidationNamingTheKey()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Venues:Replay:Start"] = "2020-01-01T00:00:00Z" }).Build();
        using var provider = new ServiceCollection().AddReplayVenue(configuration).BuildServiceProvider();

        var ex = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(
            () => provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<ReplayOptions>>().Value);
        Assert.Contains("Venues:Replay:Start", ex.Message);
    }
}
