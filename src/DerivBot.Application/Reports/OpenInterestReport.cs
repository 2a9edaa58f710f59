using DerivBot.Application.Localization;
using DerivBot.Core.Chat;
using DerivBot.Core.Markets;
using DerivBot.Core.Reports;

namespace DerivBot.Application.Reports;

/// <summary>What <c>/oi</c> returns as JSON. Changes are fractions of contracts (0.0123 = +1.23 %), null when history is too short.</summary>
/// <param name="OpenInterest">Contracts (base-asset units on Binance USDⓈ-M).</param>
/// <param name="OpenInterestUsd">Notional in USD.</param>
/// <param name="OiToVolume">OI notional ÷ 24 h futures quote volume.</param>
/// <param name="DerivSpotVolumeRatio">24 h futures quote volume ÷ 24 h spot quote volume.</param>
public sealed record OpenInterestData(
    string Symbol,
    string Venue,
    decimal OpenInterest,
    decimal OpenInterestUsd,
    decimal? Change1h,
    decimal? Change4h,
    decimal? Change24h,
    decimal? OiToVolume,
    decimal? DerivSpotVolumeRatio,
    DateTimeOffset DataTime,
    bool Stale);

/// <summary>Builds the <c>/oi</c> report.</summary>
public static class OpenInterestReport
{
    public static CommandReply Build(MarketSnapshot snapshot, ReportContext ctx)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(ctx);
        var t = ctx.T;
        var symbol = snapshot.Symbol;
        var title = t.Get("oi.title", ("symbol", symbol.Value));
        var actions = ReportParts.ViewActions(symbol, SymbolView.OpenInterest, "oi " + symbol.Value, ctx);
        if (snapshot.OpenInterest.Count == 0)
        {
            return NoData.Reply(ReportKind.OpenInterest, title, t.Get("oi.noData", ("venue", ReportParts.VenueName(snapshot.Venue)), ("symbol", symbol.Value)), snapshot, ctx, actions);
        }

        var latest = snapshot.OpenInterest[^1];
        var usd = OpenInterestMath.UsdValue(latest, snapshot.Premium?.MarkPrice);
        var change1h = OpenInterestMath.Change(snapshot.OpenInterest, TimeSpan.FromHours(1));
        var change4h = OpenInterestMath.Change(snapshot.OpenInterest, TimeSpan.FromHours(4));
        var change24h = OpenInterestMath.Change(snapshot.OpenInterest, TimeSpan.FromHours(24));
        decimal? toVolume = snapshot.FuturesTicker is { QuoteVolume: > 0m } ft && usd > 0m ? usd / ft.QuoteVolume : null;
        decimal? derivSpot = snapshot.FuturesTicker is { QuoteVolume: > 0m } f && snapshot.SpotTicker is { QuoteVolume: > 0m } s
            ? f.QuoteVolume / s.QuoteVolume
            : null;

        string Change(decimal? c) => c is { } v ? NumberFormat.Change(v) : ctx.Na;
        var fields = new List<ReportField>
        {
            new(t["oi.contracts"], t.Get("oi.contractsValue", ("amount", ctx.Amount(latest.Contracts)), ("asset", ReportParts.BaseAsset(snapshot)))),
            new(t["oi.usd"], ctx.Usd(usd)),
            new(t["oi.change1h"], Change(change1h)),
            new(t["oi.change4h"], Change(change4h)),
            new(t["oi.change24h"], Change(change24h)),
            new(t["oi.toVolume"], toVolume is { } tv ? NumberFormat.Ratio(tv, times: true) : ctx.Na),
            new(t["oi.derivSpot"], derivSpot is { } ds ? NumberFormat.Ratio(ds, times: true) : ctx.Na),
        };
        var blocks = new List<ReportBlock> { new FieldsBlock(fields), new NoteBlock(t["oi.note"]) };
        var tone = change4h switch
        {
            > 0m => ReportTone.Bullish,
            < 0m => ReportTone.Bearish,
            _ => ReportTone.Neutral,
        };
        var report = new Report(ReportKind.OpenInterest, title, blocks, ReportParts.Footer(snapshot, ctx), actions, tone);
        var data = new OpenInterestData(
            symbol.Value, snapshot.Venue, latest.Contracts, usd, change1h, change4h, change24h, toVolume, derivSpot,
            snapshot.DataTime, snapshot.IsStale(ctx.Now));
        return new CommandReply(report, Data: data);
    }
}

/// <summary>Open-interest arithmetic over a snapshot's series (oldest first).</summary>
public static class OpenInterestMath
{
    /// <summary>The point's USD value, or contracts × mark when the venue sent none.</summary>
    public static decimal UsdValue(OpenInterestPoint point, decimal? markPrice) =>
        point.ValueUsd > 0m ? point.ValueUsd : point.Contracts * (markPrice ?? 0m);

    /// <summary>
    /// Relative change in contracts between the newest point and the newest point at least <paramref name="window"/>
    /// older; null when the series does not reach back that far (within a tenth of the window, at least 10 minutes).
    /// </summary>
    public static decimal? Change(IReadOnlyList<OpenInterestPoint> series, TimeSpan window)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (series.Count < 2)
        {
            return null;
        }
        var latest = series[^1];
        var target = latest.Time - window;
        var tolerance = TimeSpan.FromTicks(Math.Max(TimeSpan.FromMinutes(10).Ticks, window.Ticks / 10));
        for (var i = series.Count - 2; i >= 0; i--)
        {
            var p = series[i];
            if (p.Time <= target)
            {
                return target - p.Time <= tolerance && p.Contracts > 0m ? (latest.Contracts - p.Contracts) / p.Contracts : null;
            }
        }
        return null;
    }
}
