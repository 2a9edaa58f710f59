using DerivBot.Discord.Rest;
using DerivBot.Testing;

namespace DerivBot.Discord.Tests.Rest;

public sealed class DiscordRateLimiterTests
{
    [Fact]
    public void TryAcquire_ManySendersAtOnce_AdmitsFiftyThenFreesOneSecondAfterAnswers()
    {
        var clock = new ManualTimeProvider();
        var limiter = new DiscordRateLimiter(clock);
        var routes = Enumerable.Range(0, 80).Select(i => DiscordRoute.CreateMessage((1_100_000_000_000_000_000L + i).ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();

        var admitted = routes.Where(r => limiter.TryAcquire(r) == TimeSpan.Zero).ToList();

        Assert.Equal(DiscordRateLimiter.GlobalPerSecond, admitted.Count);
        // Answers come back 100 ms later: the places stay taken for one more second from then.
        clock.Advance(TimeSpan.FromMilliseconds(100));
        foreach (var r in admitted)
        {
            limiter.OnCompleted(r);
        }
        clock.Advance(TimeSpan.FromMilliseconds(999));
        Assert.NotEqual(TimeSpan.Zero, limiter.TryAcquire(routes[^1]));
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(TimeSpan.Zero, limiter.TryAcquire(routes[^1]));
    }
}
