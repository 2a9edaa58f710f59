using System.Diagnostics.Metrics;
using DerivBot.Core.Chat;
using DerivBot.Core.Ports;

namespace DerivBot.Application.Diagnostics;

/// <summary>
/// The bot's one <see cref="Meter"/> (<see cref="MeterName"/>) and every instrument on it. Call sites make one-line
/// calls (<c>DerivBotMetrics.Sent(platform, status)</c>); the host exports the meter at <c>GET /metrics</c> in the
/// Prometheus text format through OpenTelemetry. Instrument names already say what they count in Prometheus style;
/// the exporter adds <c>_total</c> to counters. Process-wide (like an EventSource): instruments cost nothing while
/// nobody listens, so one-shot verbs and tests need no setup.
/// </summary>
public static class DerivBotMetrics
{
    /// <summary>The meter name to subscribe to (OpenTelemetry <c>AddMeter</c>).</summary>
    public const string MeterName = "DerivBot";

    private static readonly Meter Meter = new(MeterName, "1.0");

    private static readonly Gauge<long> OutboxDepthGauge = Meter.CreateGauge<long>(
        "derivbot_outbox_depth", "{message}", "Outbox messages waiting to be sent, all platforms (sampled every Health:ProbeInterval).");

    private static readonly Gauge<double> OutboxOldestAgeGauge = Meter.CreateGauge<double>(
        "derivbot_outbox_oldest_pending_age_seconds", "s", "Age of the oldest pending outbox message in seconds; 0 when none is pending.");

    private static readonly Counter<long> SendsCounter = Meter.CreateCounter<long>(
        "derivbot_chat_sends", "{message}", "Outbox sends by platform and result (sent, retry_later, chat_gone, failed, error).");

    private static readonly Counter<long> RateLimitedCounter = Meter.CreateCounter<long>(
        "derivbot_chat_rate_limited", "{response}", "HTTP 429 answers from a chat platform's API, by platform.");

    private static readonly Gauge<long> VenueWeightGauge = Meter.CreateGauge<long>(
        "derivbot_venue_weight_used", "{weight}", "Request weight known to be used in the current minute, by venue and host.");

    private static readonly Counter<long> VenueBansCounter = Meter.CreateCounter<long>(
        "derivbot_venue_bans", "{ban}", "Times a venue host stopped us (429/418/403 with a pause), by venue and kind.");

    private static readonly Histogram<double> StreamLagHistogram = Meter.CreateHistogram<double>(
        "derivbot_stream_lag_seconds", "s", "Delay between a stream event's own time and its arrival here, by stream.",
        tags: null, advice: Buckets(0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300));

    private static readonly Counter<long> StreamReconnectsCounter = Meter.CreateCounter<long>(
        "derivbot_stream_reconnects", "{reconnect}", "Times a market stream connected again after having been connected, by stream.");

    private static readonly Histogram<double> RefreshDurationHistogram = Meter.CreateHistogram<double>(
        "derivbot_market_refresh_duration_seconds", "s", "Duration of one market refresh cycle (refresh, history, alert evaluation).",
        tags: null, advice: Buckets(0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 30, 60, 120));

    private static readonly Histogram<double> DigestLagHistogram = Meter.CreateHistogram<double>(
        "derivbot_digest_lag_seconds", "s", "How far behind its schedule a digest was when the digest run picked it up.",
        tags: null, advice: Buckets(0.5, 1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600));

    // Seconds, not the SDK's default millisecond-sized buckets.
    private static InstrumentAdvice<double> Buckets(params double[] bounds) => new() { HistogramBucketBoundaries = bounds };

    /// <summary>Outbox depth and the age of its oldest pending message (from the store probe).</summary>
    public static void Outbox(int pending, TimeSpan oldestPendingAge)
    {
        OutboxDepthGauge.Record(pending);
        OutboxOldestAgeGauge.Record(Math.Max(0, oldestPendingAge.TotalSeconds));
    }

    /// <summary>One outbox send finished with <paramref name="status"/>.</summary>
    public static void Sent(ChatPlatform platform, SendStatus status) =>
        SendsCounter.Add(1, Platform(platform), new("status", status switch
        {
            SendStatus.Sent => "sent",
            SendStatus.RetryLater => "retry_later",
            SendStatus.ChatGone => "chat_gone",
            _ => "failed",
        }));

    /// <summary>One outbox send threw (network, bug): counted as status <c>error</c>.</summary>
    public static void SendError(ChatPlatform platform) => SendsCounter.Add(1, Platform(platform), new("status", "error"));

    /// <summary>The platform's API answered 429.</summary>
    public static void RateLimited(ChatPlatform platform) => RateLimitedCounter.Add(1, Platform(platform));

    /// <summary>Weight used this minute on <paramref name="host"/> of <paramref name="venue"/>.</summary>
    public static void VenueWeight(string venue, string host, int used) =>
        VenueWeightGauge.Record(used, new KeyValuePair<string, object?>("venue", venue), new("host", host));

    /// <summary>A venue host paused us (<paramref name="kind"/>: rate_limited, banned or region_blocked).</summary>
    public static void VenueBan(string venue, VenueErrorKind kind) =>
        VenueBansCounter.Add(1, new KeyValuePair<string, object?>("venue", venue), new("kind", kind switch
        {
            VenueErrorKind.Banned => "banned",
            VenueErrorKind.RateLimited => "rate_limited",
            VenueErrorKind.RegionBlocked => "region_blocked",
            _ => "other",
        }));

    /// <summary>A stream event stamped <paramref name="eventTime"/> arrived at <paramref name="now"/>.</summary>
    public static void StreamLag(string stream, DateTimeOffset eventTime, DateTimeOffset now) =>
        StreamLagHistogram.Record(Math.Max(0, (now - eventTime).TotalSeconds), new KeyValuePair<string, object?>("stream", stream));

    /// <summary>A stream connected again after a drop.</summary>
    public static void StreamReconnected(string stream) =>
        StreamReconnectsCounter.Add(1, new KeyValuePair<string, object?>("stream", stream));

    /// <summary>One refresh cycle took <paramref name="duration"/>.</summary>
    public static void RefreshDuration(TimeSpan duration) => RefreshDurationHistogram.Record(duration.TotalSeconds);

    /// <summary>A digest due at <paramref name="due"/> was picked up at <paramref name="now"/>.</summary>
    public static void DigestLag(DateTimeOffset due, DateTimeOffset now) => DigestLagHistogram.Record(Math.Max(0, (now - due).TotalSeconds));

    private static KeyValuePair<string, object?> Platform(ChatPlatform platform) => new("platform", platform.ToString().ToLowerInvariant());
}
