using DerivBot.Core.Localization;
using System.Globalization;
using DerivBot.Application.Commands;
using DerivBot.Application.Localization;
using DerivBot.Core.Chat;
using DerivBot.Core.Ports;
using DerivBot.Core.Reports;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DerivBot.Application.Diagnostics;

/// <summary>
/// <c>/health</c>: the readiness checks of <c>GET /readyz</c> on this instance, in words. Admin-only in groups and
/// channels like every settings command (Telegram group admins, Discord MANAGE_GUILD); in a private chat the user is the
/// chat's admin. It runs the very same <see cref="HealthCheckService"/> checks, so the chat and the orchestrator never
/// disagree.
/// </summary>
public sealed class HealthCommand(HealthCheckService health, ILocalizer localizer, TimeProvider time) : ICommandHandler
{
    public IReadOnlyList<CommandInfo> Commands { get; } =
    [
        new("health", [], CommandCatalog.Describe(localizer, "cmd.health.description"), ChangesSettings: true, []),
    ];

    public async Task<CommandResult> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!string.IsNullOrWhiteSpace(request.Arguments))
        {
            throw CommandUsageException.FromKey("error.usage.tooMany", ("extra", request.Arguments.Trim()));
        }
        var report = await health.CheckHealthAsync(r => r.Tags.Contains(ReadinessChecks.ReadyTag), cancellationToken).ConfigureAwait(false);
        return CommandResult.Of(Render(report, new Texts(localizer, request.Language), time.GetUtcNow(), Environment.MachineName));
    }

    /// <summary>The report for <paramref name="health"/> in <paramref name="t"/>'s language.</summary>
    public static Report Render(HealthReport health, Texts t, DateTimeOffset now, string instance)
    {
        ArgumentNullException.ThrowIfNull(health);
        var ready = health.Status != HealthStatus.Unhealthy;
        var fields = health.Entries
            .OrderBy(e => Order(e.Key))
            .ThenBy(e => e.Key, StringComparer.Ordinal)
            .Select(e => new ReportField(Label(e.Key, t), (e.Value.Status == HealthStatus.Unhealthy ? "❌ " : "✅ ") + Words(e.Key, e.Value, t, now), Inline: false))
            .ToList();
        var blocks = new List<ReportBlock>
        {
            new FieldsBlock(fields),
            new NoteBlock(t.Get("health.note", ("instance", instance))),
        };
        return new Report(ReportKind.Info, ready ? t["health.title.ready"] : t["health.title.notReady"], blocks,
            Tone: ready ? ReportTone.Neutral : ReportTone.Error);
    }

    private static int Order(string key) => key switch
    {
        ReadinessChecks.Store => 0,
        ReadinessChecks.Market => 1,
        _ => 2,
    };

    /// <summary>Store and market are words to translate; platforms are names ("telegram" → "Telegram").</summary>
    private static string Label(string key, Texts t) =>
        t.Localizer.Has("health.check." + key) ? t["health.check." + key]
        : key.Length == 0 ? key : char.ToUpperInvariant(key[0]) + key[1..];

    private static string Words(string key, HealthReportEntry entry, Texts t, DateTimeOffset now)
    {
        var state = entry.Data.TryGetValue(ReadinessChecks.StateKey, out var s) ? s as string : null;
        string Ago() => entry.Data.TryGetValue(ReadinessChecks.AgeSecondsKey, out var a) && a is double seconds
            ? TimeFormat.Ago(now - TimeSpan.FromSeconds(seconds), now, t)
            : "?";
        switch (key, state)
        {
            case (ReadinessChecks.Store, "ok"):
                var provider = entry.Data.TryGetValue(ReadinessChecks.ProviderKey, out var p) ? p as string ?? "" : "";
                var pending = entry.Data.TryGetValue(ReadinessChecks.PendingKey, out var n) && n is int count ? count : 0;
                return pending == 0 || !entry.Data.TryGetValue(ReadinessChecks.OldestSecondsKey, out var o) || o is not double oldest
                    ? t.Get("health.store.okEmpty", ("provider", provider))
                    : t.Get("health.store.ok", ("provider", provider), ("pending", pending.ToString(CultureInfo.InvariantCulture)),
                        ("age", TimeFormat.Duration(TimeSpan.FromSeconds(oldest), t)));
            case (ReadinessChecks.Store, _):
                return t["health.store.unreachable"];
            case (ReadinessChecks.Market, "ok"):
                return t.Get("health.market.ok", ("ago", Ago()));
            case (ReadinessChecks.Market, "idle"):
                return t.Get("health.market.idle", ("ago", Ago()));
            case (ReadinessChecks.Market, "stale"):
                var limit = entry.Data.TryGetValue(ReadinessChecks.LimitSecondsKey, out var l) && l is double limitSeconds ? limitSeconds : 0;
                return t.Get("health.market.stale", ("ago", Ago()), ("limit", TimeFormat.Duration(TimeSpan.FromSeconds(limit), t)));
            case (ReadinessChecks.Market, _):
                return t["health.market.never"];
            case (_, "connected" or "standby" or "starting" or "disconnected" or "stopped"):
                return t.Get("health.platform." + state, ("ago", Ago()));
            default:
                // A check without our data (e.g. it threw): its status is all we can say.
                return entry.Status == HealthStatus.Unhealthy ? t["health.unknown.failed"] : t["health.unknown.ok"];
        }
    }
}
