using DerivBot.Application.Market;
using DerivBot.Core.Markets;
using DerivBot.Core.Ports;
using DerivBot.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DerivBot.Application.Tests.Market;

public sealed class MarketSetupTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings, TimeProvider? time = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var clock = time ?? new ManualTimeProvider();
        var services = new ServiceCollection()
            .AddSingleton(clock)
            .AddSingleton<IMarketDataVenue>(new CountingVenue(clock, "BTCUSDT"))
            .AddLogging();
        return services.AddMarketData(configuration).BuildServiceProvider();
    }

    [Fact]
    public void AddMarketData_BindsSectionAndJobsRefreshInterval_OneStoreBehindEveryService()
    {
        using var provider = Build(new()
        {
            ["Market:TopN"] = "7",
            ["Market:HistoryDepth"] = "2.00:00:00",
            ["Jobs:RefreshInterval"] = "00:02:00",
        });

        var options = provider.GetRequiredService<IOptions<MarketOptions>>().Value;
        var store = provider.GetRequiredService<MarketStore>();

        Assert.Equal(7, options.TopN);
        Assert.Equal(TimeSpan.FromDays(2), options.HistoryDepth);
        Assert.Equal(TimeSpan.FromMinutes(2), options.RefreshInterval);
        Assert.Same(store, provider.GetRequiredService<IMarketData>());
        Assert.Same(store.StreamHealth, provider.GetRequiredService<MarketStreamHealth>());
        Assert.Contains(provider.GetServices<IHostedService>(), s => s is MarketStreamService);
    }

    [Theory]
    [InlineData("Market:HistoryDepth", "45.00:00:00", "Market:HistoryDepth")]
    [InlineData("Market:TopN", "-1", "Market:TopN")]
    [InlineData("Market:WarmLease", "00:00:01", "Market:WarmLease")]
    [InlineData("Jobs:RefreshInterval", "soon", "Jobs:RefreshInterval")]
    public void AddMarketData_BadValue_ValidationNamesTheKey(string key, string value, string expected)
    {
        using var provider = Build(new() { [key] = value });

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<MarketOptions>>().Value);

        Assert.Contains(expected, ex.Message);
    }

    [Fact(Timeout = 20_000)]
    public async Task MarketStreamService_StreamFails_RestartsAfterDelayAndStopsOnShutdown()
    {
        var time = new ManualTimeProvider();
        var venue = new CountingVenue(time, "BTCUSDT");
        using var store = new MarketStore(venue, Options.Create(new MarketOptions()), time, [], NullLogger<MarketStore>.Instance);
        var stream = new FlakyStream();
        using var service = new MarketStreamService([stream], store, Options.Create(new MarketOptions { StreamRestartDelay = TimeSpan.FromSeconds(5) }), time, NullLogger<MarketStreamService>.Instance);

        await service.StartAsync(CancellationToken.None);
        await TestTimeouts.WaitUntilAsync(() => stream.Runs == 1 && time.PendingTimers > 0, what: "the first failure and the restart delay");
        Assert.Equal(StreamState.Disconnected, store.StreamHealth.Current.State);
        time.Advance(TimeSpan.FromSeconds(5));
        await TestTimeouts.WaitUntilAsync(() => stream.Runs == 2, what: "the restart");
        await TestTimeouts.WaitUntilAsync(() => store.StreamHealth.Current.LastFrameTime is not null, what: "the second run's frame");
        using var stopping = TestTimeouts.NetworkToken();
        await service.StopAsync(stopping.Token);

        Assert.Equal(2, stream.Runs);
        Assert.Equal(1, store.StreamHealth.Current.MarkPriceBatches);
    }

    /// <summary>Fails on its first run; on the next it delivers one batch and waits for cancellation.</summary>
    private sealed class FlakyStream : IMarketStream
    {
        private int _runs;

        public int Runs => Volatile.Read(ref _runs);

        public string Name => "flaky";

        public async Task RunAsync(IMarketStreamHandler handler, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _runs) == 1)
            {
                throw new InvalidOperationException("socket exploded");
            }
            handler.OnStatus(new StreamStatus(StreamState.Connected, DateTimeOffset.UnixEpoch));
            handler.OnMarkPrices([new PremiumIndex(new Symbol("BTCUSDT"), 1m, 1m, 0m, 0m, 0m, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch)]);
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
        }
    }
}
