using DerivBot.Benchmarks.Delivery;
using DerivBot.Core.Chat;
using DerivBot.Host.Tests.EndToEnd;
using Xunit.Abstractions;

namespace DerivBot.Host.Tests.Jobs;

/// <summary>
/// The delivery goal harness in a short form: subscriptions in SQLite → Quartz digest job → outbox → parallel drainer
/// → the platform's real sender → a loopback platform API with a 100 ms round trip that answers 429 above its limits.
/// Every chat gets its digest exactly once and the fake never has to say 429. (Throughput is measured by the full
/// 10,000-chat run, README "Performance"; a timed assertion here would only measure the shared CI machine.)
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class DeliveryPathTests(ITestOutputHelper output)
{
    [Theory(Timeout = 180_000)]
    [InlineData(ChatPlatform.Telegram)]
    [InlineData(ChatPlatform.Discord)]
    public async Task Digest_ManyChatsThroughTheRealPath_EveryChatOnceNoRateLimit(ChatPlatform platform)
    {
        var result = await DeliveryHarness.RunAsync(platform, chats: 90, TimeSpan.FromMilliseconds(100));

        output.WriteLine(result.ToString());
        Assert.Equal(90, result.Delivered);
        Assert.Equal(0, result.Duplicates);
        Assert.Equal(0, result.RateLimited);
    }
}
