using DerivBot.Application.Localization;
using DerivBot.Application.Venues;
using DerivBot.Core.Chat;
using DerivBot.Core.Markets;
using DerivBot.Core.Reports;
using DerivBot.Core.Signals;

namespace DerivBot.Application.Reports;

/// <summary>Builds the <c>/oi</c> report.</summary>
public static class OpenInterestReport
{
    /// <param name="venues">The coin's cross-venue view: adds the total OI and its changes across venues, and says so in the footer.</param>
    public static CommandReply Build(MarketSnapshot snapshot, SignalReport signals, ReportContext ctx, VenueSnapshot? venues = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(signals);
        ArgumentNullException.ThrowIfNull(ctx);
        var t = ctx.T;
        var symbol = snapshot.Symbol;
        var title = t.Get("oi.title", ("symbol", symbol.Value));
        var actions = ReportParts.ViewActions(symbol, SymbolView.OpenInterest, "oi " + symbol.Value, ctx);
        var oi = signals.OpenInterest;
        if (oi.Status != SignalStatus.Ok)
        {
            return NoData.Reply(ReportKind.OpenInterest, title, t.Get("oi.noData", ("venue", ReportParts.VenueName(snapshot.Venue)), ("symbol", symbol.Value)), snapshot, ctx, actions);
        }

        var usd = oi.ValueUsd;
        var change1h = oi.ChangeOver(TimeSpan.FromHours(1))?.ContractsChange;
        var change4h = oi.ChangeOver(TimeSpan.FromHours(4))?.ContractsChange;
        var change24h = oi.ChangeOver(TimeSpan.FromHours(24))?.ContractsChange;
        var toVolume = oi.OiToVolume24h;
        var derivSpot = oi.DerivativesToSpotVolume;

        string Change(decimal? c) => c is { } v ? NumberFormat.Change(v) : ctx.Na;
        var fields = new List<ReportField>
        {
            new(t["oi.contracts"], t.Get("oi.contractsValue", ("amount", ctx.Amount(oi.Contracts)), ("asset", ReportParts.BaseAsset(snapshot)))),
            new(t["oi.usd"], ctx.Usd(usd)),
            new(t["oi.change1h"], Change(change1h)),
            new(t["oi.change4h"], Change(change4h)),
            new(t["oi.change24h"], Change(change24h)),
            new(t["oi.toVolume"], toVolume is { } tv ? NumberFormat.Ratio(tv, times: true) : ctx.Na),
            new(t["oi.derivSpot"], derivSpot is { } ds ? NumberFormat.Ratio(ds, times: true) : ctx.Na),
        };
        var blocks = new List<ReportBlock> { new FieldsBlock(fields) };
        blocks.AddRange(VenuesReport.OpenInterestBlocks(venues, ReportParts.BaseAsset(snapshot), ctx));
        blocks.Add(new NoteBlock(t["oi.note"]));
        var tone = change4h switch
        {
            > 0m => ReportTone.Bullish,
            < 0m => ReportTone.Bearish,
            _ => ReportTone.Neutral,
        };
        var report = new Report(ReportKind.OpenInterest, title, blocks, VenuesReport.WithAggregate(ReportParts.Footer(snapshot, ctx), venues, ctx), actions, tone);
        var data = new OpenInterestData(
            symbol.Value, snapshot.Venue, oi.Contracts, usd, change1h, change4h, change24h, toVolume, derivSpot,
            snapshot.DataTime, snapshot.IsStale(ctx.Now), venues is { HasData: true } ? VenueAggregateData.From(venues.Comparison.Aggregate) : null);
        return new CommandReply(report, Data: data);
    }
}
