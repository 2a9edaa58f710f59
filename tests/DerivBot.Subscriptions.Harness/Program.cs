using System.Globalization;
using DerivBot.Application.Outbox;
using DerivBot.Application.Subscriptions;
using DerivBot.Core.Chat;
using DerivBot.Core.Ports;
using DerivBot.Core.Reports;
using DerivBot.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

// usage: DerivBot.Subscriptions.Harness cluster ... (one instance of a PostgreSQL cluster: ClusterWorker.cs), or
// usage: DerivBot.Subscriptions.Harness <database path> <sink base url> <now, unix seconds> [max in flight [serve]]
// Runs the due digests (enqueue into the outbox, idempotent) and drains the outbox to POST <sink>/send/<chat id> with the
// production drainer, <max in flight> (Outbox:MaxInFlight, default 8) messages at a time. With "serve" the drainer runs
// as the hosted service it is in production, in a generic host that stops on SIGTERM (HostOptions.ShutdownTimeout 30 s).
if (args.Length > 0 && args[0] == "cluster")
{
    return await ClusterWorker.RunAsync(args[1..]);
}
if (args.Length is not (3 or 4 or 5))
{
    Console.Error.WriteLine("usage: <database path> <sink base url> <now unix seconds> [max in flight [serve]]");
    return 2;
}
var serve = args.Length == 5 && args[4] == "serve";
var maxInFlight = args.Length == 4 ? int.Parse(args[3], CultureInfo.InvariantCulture) : new OutboxOptions().MaxInFlight;
var clock = new FixedClock(DateTimeOffset.FromUnixTimeSeconds(long.Parse(args[2], CultureInfo.InvariantCulture)));
using var database = SqliteDatabase.ForFile(args[0]);
var store = new SqliteStore(database, clock);
var jobs = new Monitor<JobsOptions>(new JobsOptions());
var signal = new OutboxSignal();
var digests = new DigestService(store, new FixedRenderer(), signal, jobs, clock, NullLogger<DigestService>.Instance, new DerivBot.Application.Localization.ResxLocalizer());
var result = await digests.RunDueAsync(CancellationToken.None);
Console.WriteLine($"enqueued {result.Enqueued}");
using var http = new HttpClient { BaseAddress = new Uri(args[1]) };
var sender = new HttpSender(http);
var outbox = new Monitor<OutboxOptions>(new OutboxOptions { MaxInFlight = maxInFlight });
if (serve)
{
    var builder = Host.CreateApplicationBuilder();
    builder.Logging.ClearProviders();
    builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
    builder.Services.AddSingleton<IHostedService>(sp => new OutboxDrainer(store, [sender], store, signal, jobs, outbox, clock,
        NullLogger<OutboxDrainer>.Instance, sp.GetRequiredService<IOptions<HostOptions>>()));
    using var host = builder.Build();
    await host.StartAsync();
    Console.WriteLine("serving");
    await host.WaitForShutdownAsync();
    Console.WriteLine("stopped");
    return 0;
}
var drainer = new OutboxDrainer(store, [sender], store, signal, jobs, outbox, clock, NullLogger<OutboxDrainer>.Instance);
var sent = await drainer.DrainDueAsync(sender, CancellationToken.None);
Console.WriteLine($"drained {sent}");
return 0;

internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}

internal sealed class Monitor<T>(T value) : IOptionsMonitor<T>
{
    public T CurrentValue => value;
    public T Get(string? name) => value;
    public IDisposable? OnChange(Action<T, string?> listener) => null;
}

internal sealed class FixedRenderer : IDigestRenderer
{
    public Task<DigestRender> RenderAsync(DigestRenderRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(DigestRender.Of(CommandResult.Of(new Report(ReportKind.Quadrant, request.Symbol.Value + " quadrant", [ParagraphBlock.Of("digest")]))));
}

internal sealed class HttpSender(HttpClient http) : IChatSender
{
    public ChatPlatform Platform => ChatPlatform.Telegram;

    public async Task<SendResult> SendAsync(ChatAddress to, OutboundMessage message, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsync(new Uri("send/" + to.ChatId, UriKind.Relative), new StringContent(message.Report.Title), cancellationToken);
        return response.IsSuccessStatusCode ? SendResult.Ok() : new SendResult(SendStatus.RetryLater, ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture), TimeSpan.Zero);
    }
}
