using DerivBot.Application.Localization;
using DerivBot.Application.Reports;
using DerivBot.Core.Chat;
using DerivBot.Core.Markets;
using DerivBot.Core.Ports;
using DerivBot.Core.Signals;
using Microsoft.Extensions.Options;

namespace DerivBot.Application.Commands;

/// <summary>A resolved symbol's snapshot with the context to report it in, and the arguments after the symbol.</summary>
/// <param name="Signals">Every signal computed once from the snapshot at the context's now (one source of truth for all reports).</param>
public sealed record SymbolQueryResult(MarketSnapshot Snapshot, SignalReport Signals, ReportContext Context, IReadOnlyList<string> Rest);

/// <summary>
/// The shared first half of every "/command SYMBOL ..." query: parse, resolve the symbol against the universe, read the
/// snapshot through <see cref="IMarketData"/> (never the venue directly), and fix the chat's language, zone and now.
/// </summary>
public sealed class SymbolQuery(IMarketData market, SymbolLookup symbols, ChatTimeZones zones, ILocalizer localizer, TimeProvider time, IOptions<SignalOptions> signalOptions)
{
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
        return new SymbolQueryResult(snapshot, signals, context, args.Skip(1).ToList());
    }

    /// <summary>The report context for <paramref name="request"/>: its language, the chat's zone, now.</summary>
    public async Task<ReportContext> ContextAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var zone = await zones.GetAsync(request, cancellationToken).ConfigureAwait(false);
        return new ReportContext(new Texts(localizer, request.Language), zone, time.GetUtcNow());
    }
}
