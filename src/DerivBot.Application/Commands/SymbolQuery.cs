using DerivBot.Application.Reports;
using DerivBot.Application.Venues;
using DerivBot.Core.Chat;
using DerivBot.Core.Localization;
using DerivBot.Core.Markets;
using DerivBot.Core.Ports;
using DerivBot.Core.Signals;
using Microsoft.Extensions.Options;

namespace DerivBot.Application.Commands;

/// <summary>
/// The shared first half of every "/command SYMBOL ..." query: parse, resolve the symbol against the universe, read the
/// snapshot through <see cref="IMarketData"/> (never the venue directly), and fix the chat's language, zone and now.
/// </summary>
/// <remarks>
/// With a <see cref="VenueAggregator"/> (other venues configured), the coin's cross-venue view is read too: the refresh
/// cycle's answer when it is at most <see cref="AggregateMaxAge"/> old, otherwise the venues are asked (at most
/// <c>Venues:RequestTimeout</c>). Its failure never fails the query: reports then show the primary venue alone.
/// </remarks>
public sealed class SymbolQuery(
    IMarketData market, SymbolLookup symbols, ChatTimeZones zones, ILocalizer localizer, TimeProvider time, IOptions<SignalOptions> signalOptions,
    VenueAggregator? venues = null)
{
    /// <summary>How old the cross-venue answer may be before a query asks the venues again.</summary>
    public static readonly TimeSpan AggregateMaxAge = TimeSpan.FromMinutes(5);

    public ILocalizer Localizer => localizer;

    /// <summary>The signal thresholds in effect (Signals section).</summary>
    public SignalOptions SignalOptions => signalOptions.Value;

    /// <param name="maxExtraArguments">How many arguments may follow the symbol.</param>
    public async Task<SymbolQueryResult> LoadAsync(CommandRequest request, int maxExtraArguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var args = CommandArguments.Split(request.Arguments);
        if (args.Count == 0)
        {
            throw CommandUsageException.FromKey("error.usage.missingSymbol");
        }
        if (args.Count > 1 + maxExtraArguments)
        {
            throw CommandUsageException.FromKey("error.usage.tooMany", ("extra", string.Join(' ', args.Skip(1 + maxExtraArguments))));
        }
        var symbol = await symbols.ResolveAsync(args[0], cancellationToken).ConfigureAwait(false);
        var snapshot = await market.GetSnapshotAsync(symbol, cancellationToken).ConfigureAwait(false);
        var context = await ContextAsync(request, cancellationToken).ConfigureAwait(false);
        var signals = SignalEngine.Compute(snapshot, context.Now, signalOptions.Value);
        var view = await VenuesAsync(snapshot, cancellationToken).ConfigureAwait(false);
        var aggregate = AggregateInputs.For(snapshot, view, context.Now);
        if (aggregate is not null)
        {
            // Only the quadrant reads the aggregate; every other signal stays the primary venue's own.
            signals = signals with { Quadrant = SignalEngine.Compute(aggregate.QuadrantSnapshot, context.Now, signalOptions.Value).Quadrant };
        }
        return new SymbolQueryResult(snapshot, signals, context, args.Skip(1).ToList(), aggregate) { Venues = view is { HasData: true } ? view : null };
    }

    private async Task<VenueSnapshot?> VenuesAsync(MarketSnapshot snapshot, CancellationToken cancellationToken)
    {
        if (venues is not { IsEnabled: true })
        {
            return null;
        }
        try
        {
            var asset = snapshot.Contract is { BaseAsset.Length: > 0 } c ? AssetNames.SplitMultiplier(c.BaseAsset).Asset : AssetNames.AssetOf(snapshot.Symbol.Value);
            return await venues.GetRecentAsync(asset, AggregateMaxAge, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The aggregator already turns venue failures into "missing"; anything else must not cost the reply either.
            return null;
        }
    }

    /// <summary>The report context for <paramref name="request"/>: its language, the chat's zone, now.</summary>
    public async Task<ReportContext> ContextAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var zone = await zones.GetAsync(request, cancellationToken).ConfigureAwait(false);
        return new ReportContext(new Texts(localizer, request.Language), zone, time.GetUtcNow());
    }
}
