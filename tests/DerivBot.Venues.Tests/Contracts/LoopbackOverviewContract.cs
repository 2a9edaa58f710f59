using System.Globalization;
using DerivBot.Core.Ports;
using DerivBot.Testing;
using DerivBot.Venues.Tests.Fakes;

namespace DerivBot.Venues.Tests.Contracts;

/// <summary>
/// Shared plumbing of the real adapters' <see cref="VenueOverviewContract"/> runs: one <see cref="HttpClient"/>, every
/// loopback fake started by a test disposed at its end, wire-number formatting and the failure replies every venue's
/// HTTP layer maps the same way (429, 403, 451, 5xx, garbage, a reply slower than the adapter's timeout).
/// </summary>
public abstract class LoopbackOverviewContract : VenueOverviewContract, IAsyncLifetime, IDisposable
{
    /// <summary>The adapter's own request timeout in the failure runs: short so <see cref="VenueErrorKind.Timeout"/> is quick.</summary>
    protected static readonly TimeSpan ShortTimeout = TimeSpan.FromSeconds(2);

    /// <summary>The adapter's timeout for a failure run of <paramref name="kind"/>: short only where the timeout is the
    /// failure; the others keep a roomy one, so retries of a 5xx on a loaded machine still end as that 5xx.</summary>
    protected static TimeSpan TimeoutFor(VenueErrorKind kind) => kind == VenueErrorKind.Timeout ? ShortTimeout : TimeSpan.FromSeconds(20);

    /// <summary>Long enough to outlast any test; the fake stops waiting when the client hangs up.</summary>
    protected static readonly TimeSpan Forever = TimeSpan.FromMinutes(5);

    private readonly List<IAsyncDisposable> _fakes = [];

    protected HttpClient Http { get; } = new();

    /// <summary>Real timers (timeouts really fire); the date starts at <see cref="VenueOverviewContract.Now"/> and runs on.</summary>
    protected TimeProvider Clock { get; } = new ShiftedClock(Now);

    protected T Track<T>(T fake) where T : IAsyncDisposable
    {
        lock (_fakes)
        {
            _fakes.Add(fake);
        }
        return fake;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var fake in _fakes)
        {
            await fake.DisposeAsync();
        }
    }

    public void Dispose()
    {
        Http.Dispose();
        GC.SuppressFinalize(this);
    }

    protected static string S(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    protected static long Ms(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    /// <summary>The reply that makes the adapter's HTTP layer report <paramref name="kind"/>; throws for kinds without one.</summary>
    protected static FakeResponse FailureReply(VenueErrorKind kind) => WireFailure(kind);

    internal static FakeResponse WireFailure(VenueErrorKind kind) => kind switch
    {
        VenueErrorKind.RateLimited => new FakeResponse(429, "{}", new Dictionary<string, string> { ["Retry-After"] = "30" }),
        VenueErrorKind.Banned => new FakeResponse(403, "<html>forbidden</html>"),
        VenueErrorKind.RegionBlocked => new FakeResponse(451, "{}"),
        VenueErrorKind.ServerError => new FakeResponse(503, "<html>busy</html>"),
        VenueErrorKind.BadResponse => new FakeResponse(200, "{\"not\":[\"what\",\"the venue sends\""),
        VenueErrorKind.Timeout => new FakeResponse(Delay: Forever),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "no wire reply produces this kind"),
    };

    /// <summary>Many copies, so retries and the second call of a test meet the same failure.</summary>
    protected static FakeResponse[] Many(FakeResponse reply) => Enumerable.Repeat(reply, 20).ToArray();

    /// <summary>The system clock moved back to <see cref="VenueOverviewContract.Now"/>: timers, stopwatch and elapsed time
    /// are real (deadlines and rate windows work), the date is the contract market's.</summary>
    private sealed class ShiftedClock(DateTimeOffset start) : TimeProvider
    {
        private readonly long _started = TimeProvider.System.GetTimestamp();

        public override DateTimeOffset GetUtcNow() => start + TimeProvider.System.GetElapsedTime(_started);
    }
}
