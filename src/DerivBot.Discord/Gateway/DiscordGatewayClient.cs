using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DerivBot.Discord.Gateway;

/// <summary>
/// Gateway v10 over <see cref="ClientWebSocket"/>, JSON, no compression (apis.md D.1): Hello → heartbeats (first after
/// interval × jitter, then every interval, carrying the last sequence), Identify with intents 0, Resume on
/// <c>resume_gateway_url</c> after a drop, a reconnectable close, op 7 or op 9 true; Identify afresh after op 9 false,
/// 4007 and 4009; a heartbeat without ACK is a zombie (closed with 4000, then resumed). Fatal close codes end
/// <see cref="RunAsync"/> with <see cref="DiscordGatewayFatalException"/>. All timing goes through <see cref="TimeProvider"/>.
/// With a <see cref="GatewayShard"/> this connection is one shard (Identify carries <c>"shard": [id, count]</c>) and every
/// Identify (not Resume) first waits for its slot in the shared <see cref="DiscordIdentifyLimiter"/>.
/// </summary>
internal sealed partial class DiscordGatewayClient(
    IOptions<DiscordOptions> options,
    IGatewayDispatchHandler handler,
    TimeProvider time,
    ILogger<DiscordGatewayClient> logger,
    Func<double>? jitter = null,
    GatewayShard? shard = null,
    DiscordIdentifyLimiter? identifyLimiter = null,
    DiscordStatus? status = null)
{
    /// <summary>Discord closes the connection (4002) on any sent payload above this many bytes.</summary>
    public const int MaxPayloadBytes = 4096;

    private const int MaxReceiveBytes = 64 * 1024 * 1024;

    private readonly string _token = options.Value.BotToken ?? "";
    private readonly IGatewayDispatchHandler _handler = handler;
    private readonly TimeProvider _time = time;
    private readonly ILogger _logger = logger;
    private readonly Func<double> _jitter = jitter ?? Random.Shared.NextDouble;
    private readonly DiscordStatus? _status = status;
    private readonly object _state = new();
    private string? _sessionId;
    private Uri? _resumeUrl;
    private long? _sequence;

    public string? SessionId { get { lock (_state) { return _sessionId; } } }

    public long? Sequence { get { lock (_state) { return _sequence; } } }

    public string? ApplicationId { get; private set; }

    /// <summary>The shard this client runs, or null (unsharded: Identify has no shard field).</summary>
    public GatewayShard? Shard { get; } = shard;

    /// <summary>Connects to <paramref name="gatewayUrl"/> and stays connected until cancelled or a fatal close.</summary>
    public async Task RunAsync(Uri gatewayUrl, CancellationToken cancellationToken)
    {
        using var scope = Shard is { } sh ? _logger.BeginScope("Discord shard {Shard}", sh.ToString()) : null;
        var failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            Uri? resumeUrl;
            lock (_state)
            {
                resumeUrl = _sessionId is not null ? _resumeUrl ?? gatewayUrl : null;
            }
            var resume = resumeUrl is not null;
            if (!resume && identifyLimiter is not null)
            {
                try
                {
                    await identifyLimiter.WaitAsync(Shard?.Id ?? 0, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    return;
                }
            }
            using var connection = new Connection(this, WithQuery(resumeUrl ?? gatewayUrl), resume);
            Outcome outcome;
            try
            {
                outcome = await connection.RunAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is WebSocketException or IOException or HttpRequestException or JsonException)
            {
                _logger.LogWarning(ex, "Discord gateway connection failed ({Mode})", resume ? "resume" : "identify");
                outcome = Outcome.Retry;
            }
            _status?.SetShard(Shard?.Id ?? 0, outcome == Outcome.Fatal ? Application.Diagnostics.PlatformConnection.Stopped : Application.Diagnostics.PlatformConnection.Disconnected,
                outcome == Outcome.Fatal ? "gateway closed for good" : "gateway reconnecting");
            switch (outcome)
            {
                case Outcome.Stopped:
                    return;
                case Outcome.Fatal:
                    throw new DiscordGatewayFatalException(connection.CloseCode ?? 0, GatewayCloseCodes.Describe(connection.CloseCode ?? 0));
                case Outcome.Identify:
                    ClearSession();
                    break;
            }
            failures = connection.Established ? 0 : failures + 1;
            if (failures >= 5)
            {
                // A resume URL that keeps failing is worth no more than a fresh session.
                ClearSession();
            }
            if (failures > 0)
            {
                var seconds = Math.Min(60, Math.Pow(2, failures - 1)) * (0.5 + (_jitter() / 2));
                await Task.Delay(TimeSpan.FromSeconds(seconds), _time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    internal static Uri WithQuery(Uri url) => new UriBuilder(url) { Query = "v=10&encoding=json" }.Uri;

    private void ClearSession()
    {
        lock (_state)
        {
            _sessionId = null;
            _resumeUrl = null;
            _sequence = null;
        }
    }

    private static string OperatingSystemName() =>
        OperatingSystem.IsWindows() ? "windows" : OperatingSystem.IsMacOS() ? "macos" : "linux";

    private enum Outcome { Resume, Identify, Fatal, Stopped, Retry }
}
