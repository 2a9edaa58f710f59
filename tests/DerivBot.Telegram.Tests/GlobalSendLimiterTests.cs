using DerivBot.Telegram.Sending;

namespace DerivBot.Telegram.Tests;

public sealed class GlobalSendLimiterTests
{
    private static readonly DateTimeOffset T0 = new(2025, 10, 10, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Interval = TimeSpan.FromTicks(TimeSpan.TicksPerSecond / 30);

    [Fact]
    public void ReadyAt_AllPlacesInFlight_WaitsForAnAnswer()
    {
        var limiter = new GlobalSendLimiter(perSecond: 3, burst: 3, T0);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(T0, limiter.ReadyAt(T0));
            limiter.Start(T0);
        }

        Assert.Equal(DateTimeOffset.MaxValue, limiter.ReadyAt(T0.AddSeconds(5)));
    }

    [Fact]
    public void ReadyAt_FewerAnswersThanMinSamples_PlaceFreesOneSecondAfterTheAnswer()
    {
        var limiter = new GlobalSendLimiter(perSecond: 3, burst: 3, T0);
        for (var i = 0; i < 3; i++)
        {
            limiter.Start(T0);
        }
        limiter.End(T0, T0.AddMilliseconds(200));
        limiter.End(T0, T0.AddMilliseconds(50));

        // Too few round trips to trust the fastest: the earliest answer (50 ms) frees the first place at 1.05 s.
        Assert.Equal(T0.AddMilliseconds(1050), limiter.ReadyAt(T0.AddMilliseconds(500)));
        Assert.Equal(T0.AddMilliseconds(1050), limiter.ReadyAt(T0.AddMilliseconds(1050)));
    }

    [Fact]
    public void End_AfterMinSamples_PlaceFreesOneSecondAfterTheSendPlusRoundTripExcessAndMargin()
    {
        var limiter = WarmedUp(roundTripMs: 100, out var now);
        now = now.AddSeconds(5); // every earlier place is free again
        for (var i = 0; i < 30; i++)
        {
            limiter.Start(now);
        }
        limiter.End(now, now.AddMilliseconds(150)); // 50 ms slower than the fastest round trip
        for (var i = 1; i < 30; i++)
        {
            limiter.End(now, now.AddMilliseconds(300));
        }

        // Held 1 s + (150 − 100) ms + 10 ms margin from its send, not 1 s from its answer (1.15 s).
        Assert.Equal(now.AddMilliseconds(1060), limiter.ReadyAt(now.AddMilliseconds(400)));
        Assert.Equal(TimeSpan.FromMilliseconds(100), limiter.FastestRoundTrip);
    }

    [Fact]
    public void End_FastestRoundTripWithinTheMargin_PlaceFreesOneSecondAfterTheAnswer()
    {
        var limiter = WarmedUp(roundTripMs: 4, out var now);
        now = now.AddSeconds(5);
        for (var i = 0; i < 30; i++)
        {
            limiter.Start(now);
        }
        for (var i = 0; i < 30; i++)
        {
            limiter.End(now, now.AddMilliseconds(20));
        }

        // Nothing to credit (the 4 ms fastest round trip is within the 10 ms margin): answer + 1 s, never less.
        Assert.Equal(now.AddMilliseconds(1020), limiter.ReadyAt(now.AddMilliseconds(500)));
    }

    [Fact]
    public void ReadyAt_Burst1_EvenlySpacedAtExactlyTheRate()
    {
        var limiter = new GlobalSendLimiter(perSecond: 30, burst: 1, T0);
        var now = T0;
        limiter.Start(now);
        limiter.End(now, now);

        Assert.Equal(now + Interval, limiter.ReadyAt(now));
    }

    [Fact]
    public void Start_LateByLessThanOneInterval_KeepsTheGridSoTheLatenessIsMadeUp()
    {
        var limiter = new GlobalSendLimiter(perSecond: 30, burst: 1, T0);
        limiter.Start(T0);
        limiter.End(T0, T0);
        var late = T0 + Interval + TimeSpan.FromMilliseconds(10); // the timer fired 10 ms late

        limiter.Start(late);
        limiter.End(late, late);

        // The third slot stays at 2/30 s: not 10 ms later, as a bucket capped at one token would make it.
        Assert.Equal(T0 + 2 * Interval, limiter.ReadyAt(late));
    }

    [Fact]
    public void Start_AfterIdleGap_GridRestartsWithoutABurst()
    {
        var limiter = new GlobalSendLimiter(perSecond: 30, burst: 1, T0);
        limiter.Start(T0);
        limiter.End(T0, T0);
        var later = T0.AddSeconds(10);

        limiter.Start(later);
        limiter.End(later, later);

        Assert.Equal(later + Interval, limiter.ReadyAt(later));
    }

    // forwardMs / backMs: the fixed one-way parts (their split is irrelevant to the guarantee: 0/100 is the harness
    // fake, which counts on arrival and answers 100 ms later); jitterMs: the most a request's forward and return trip
    // can each add; spikeEvery: one request in that many is 300 ms slower on the way there (a new connection).
    [Theory]
    [InlineData(1, 0.0, 0.0, 0.2, 0, 7, 29.5)]
    [InlineData(1, 0.0, 0.0, 5, 0, 11, 0)]
    [InlineData(5, 20, 20, 40, 0, 13, 0)]
    [InlineData(1, 0.0, 0.0, 80, 0, 17, 0)]
    [InlineData(1, 50, 50, 5, 0, 19, 28.5)]
    [InlineData(1, 0.0, 100, 5, 0, 23, 28.5)]
    [InlineData(1, 100, 0.0, 5, 0, 29, 28.5)]
    [InlineData(1, 50, 50, 30, 40, 31, 0)]
    [InlineData(3, 0.0, 100, 60, 25, 37, 0)]
    public void Simulation_LateTimersAndJitter_ServerNeverSeesMoreThan30InAnySecond(
        int burst, double forwardMs, double backMs, double jitterMs, int spikeEvery, int seed, double minRate)
    {
        // Sends start when the limiter allows plus a random timer lateness; each request reaches the server after the
        // fixed forward delay plus its own jitter, and its answer comes back after the fixed return delay plus more
        // jitter. Jitter is skewed towards small values (most requests take about the fastest time), as on real paths.
        // The server counts arrivals in a sliding 1 s window (as Telegram and the load-test fake do).
        var random = new Random(seed);
        var limiter = new GlobalSendLimiter(perSecond: 30, burst: burst, T0);
        var arrivals = new List<DateTimeOffset>();
        var pending = new PriorityQueue<(DateTimeOffset Start, DateTimeOffset Answer), DateTimeOffset>();
        var now = T0;
        const int total = 3000;
        TimeSpan Jitter() => TimeSpan.FromMilliseconds(Math.Pow(random.NextDouble(), 3) * jitterMs);
        for (var sent = 0; sent < total;)
        {
            var ready = limiter.ReadyAt(now);
            var nextAnswer = pending.TryPeek(out var request, out _) ? request.Answer : DateTimeOffset.MaxValue;
            if (nextAnswer <= now || (ready > now && nextAnswer <= ready))
            {
                now = nextAnswer > now ? nextAnswer : now;
                var done = pending.Dequeue();
                limiter.End(done.Start, done.Answer);
                continue;
            }
            now = ready + TimeSpan.FromMilliseconds(random.NextDouble() * 3); // timer lateness
            if (limiter.ReadyAt(now) > now)
            {
                continue;
            }
            limiter.Start(now);
            var toServer = TimeSpan.FromMilliseconds(forwardMs) + Jitter();
            if (spikeEvery > 0 && random.Next(spikeEvery) == 0)
            {
                toServer += TimeSpan.FromMilliseconds(300);
            }
            var back = TimeSpan.FromMilliseconds(backMs) + Jitter();
            arrivals.Add(now + toServer);
            pending.Enqueue((now, now + toServer + back), now + toServer + back);
            sent++;
        }

        arrivals.Sort();
        for (int first = 0, last = 0; last < arrivals.Count; last++)
        {
            while (arrivals[last] - arrivals[first] >= TimeSpan.FromSeconds(1))
            {
                first++;
            }
            Assert.True(last - first + 1 <= 30, $"{last - first + 1} arrivals within 1 s ending at #{last}");
        }
        // Exact, not conservative: a place is held about 1 s + margin whatever the fixed round trip, so even at
        // 100 ms the rate stays above the 28.5/s (answer-anchored holds capped it at 30/1.1 s = 27.3/s).
        if (minRate > 0)
        {
            var rate = total / (arrivals[^1] - arrivals[0]).TotalSeconds;
            Assert.True(rate >= minRate, $"rate {rate:F2}/s");
        }
    }

    private static GlobalSendLimiter WarmedUp(int roundTripMs, out DateTimeOffset now)
    {
        var limiter = new GlobalSendLimiter(perSecond: 30, burst: 30, T0);
        now = T0;
        for (var i = 0; i < GlobalSendLimiter.MinSamples; i++)
        {
            limiter.Start(now);
            limiter.End(now, now.AddMilliseconds(roundTripMs));
            now = now.AddSeconds(2);
        }
        return limiter;
    }
}
