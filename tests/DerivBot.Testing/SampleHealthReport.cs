using DerivBot.Application.Diagnostics;
using DerivBot.Application.Localization;
using DerivBot.Core.Localization;
using DerivBot.Core.Reports;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DerivBot.Testing;

/// <summary>The /health report both platform renderers are tested with: store ready, market data stale, Telegram standing
/// by, Discord disconnected, and an instance name that needs escaping.</summary>
public static class SampleHealthReport
{
    private static readonly ResxLocalizer Localizer = new();

    public static Report Build(Language language)
    {
        static HealthReportEntry Entry(HealthStatus status, params (string Key, object Value)[] data) =>
            new(status, "x", TimeSpan.Zero, null, data.ToDictionary(d => d.Key, d => d.Value));
        var health = new HealthReport(new Dictionary<string, HealthReportEntry>
        {
            [ReadinessChecks.Store] = Entry(HealthStatus.Healthy, ("state", "ok"), ("provider", "Postgres"), ("pending", 2), ("oldestSeconds", 30.0)),
            [ReadinessChecks.Market] = Entry(HealthStatus.Unhealthy, ("state", "stale"), ("ageSeconds", 900.0), ("limitSeconds", 300.0)),
            ["telegram"] = Entry(HealthStatus.Healthy, ("state", "standby"), ("ageSeconds", 60.0)),
            ["discord"] = Entry(HealthStatus.Unhealthy, ("state", "disconnected"), ("ageSeconds", 5.0)),
        }, TimeSpan.Zero);
        return HealthCommand.Render(health, new Texts(Localizer, language), DateTimeOffset.UnixEpoch.AddYears(55), "bot-<1>&");
    }
}
