namespace DerivBot.Charts.Tests;

public sealed class ConcurrencyTests
{
    [Fact(Timeout = 120_000)]
    public async Task Render_TenAtOnce_ProduceIdenticalBytes()
    {
        var renderer = Renderers.Default;
        var heatmap = Synthetic.Heatmap();
        var history = Synthetic.History();
        var expectedHeatmap = renderer.RenderHeatmap(heatmap, CancellationToken.None).Png;
        var expectedHistory = renderer.RenderHistory(history, CancellationToken.None).Png;

        // Ten heatmaps and ten history charts at once, released together, each on its own thread-pool thread.
        using var start = new ManualResetEventSlim();
        var tasks = Enumerable.Range(0, 20).Select(i => Task.Run(() =>
        {
            start.Wait();
            return i % 2 == 0
                ? renderer.RenderHeatmap(heatmap, CancellationToken.None).Png
                : renderer.RenderHistory(history, CancellationToken.None).Png;
        })).ToArray();
        start.Set();
        var results = await Task.WhenAll(tasks);

        for (var i = 0; i < results.Length; i++)
        {
            Assert.Equal(i % 2 == 0 ? expectedHeatmap : expectedHistory, results[i]);
        }
    }
}
