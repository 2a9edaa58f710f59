using DerivBot.Application.Commands;
using DerivBot.Core.Chat;
using DerivBot.Core.Markets;
using DerivBot.Core.Ports;
using DerivBot.Core.Reports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DerivBot.Application.Subscriptions;

/// <summary>
/// Renders digests through the same query commands users run, but checks first that the data is worth sending: the
/// symbol's snapshot must load (venue up, symbol known) and be no older than <see cref="JobsOptions.DigestMaxStaleness"/>.
/// With the real <see cref="CommandDispatcher"/> it uses <see cref="CommandDispatcher.TryRunAsync"/>, so a failure comes
/// back here instead of becoming an error report; any other dispatcher's error report counts as a failure too.
/// </summary>
public sealed class DigestRenderer(
    ICommandDispatcher dispatcher, IMarketData market, IOptionsMonitor<JobsOptions> options, TimeProvider clock, ILogger<DigestRenderer> logger) : IDigestRenderer
{
    public async Task<DigestRender> RenderAsync(DigestRenderRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Symbol == DigestKindExtensions.AllSymbols)
        {
            // A recap of all the chat's symbols has no single snapshot to check; the recap itself says which symbol had no data.
            return await RunAsync(request, venue: null, cancellationToken).ConfigureAwait(false);
        }
        MarketSnapshot snapshot;
        try
        {
            snapshot = await market.GetSnapshotAsync(request.Symbol, cancellationToken).ConfigureAwait(false);
        }
        catch (VenueException ex) when (ex.Kind == VenueErrorKind.InvalidSymbol)
        {
            return DigestRender.Fail(new DigestFailure(DigestFailureKind.SymbolUnavailable, ex.Venue));
        }
        catch (VenueException ex)
        {
            logger.LogWarning("Digest of {Symbol}: venue {Venue} failed ({Kind}); postponing", request.Symbol, ex.Venue, ex.Kind);
            return DigestRender.Fail(new DigestFailure(DigestFailureKind.VenueDown, ex.Venue));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is SymbolNotFoundException or KeyNotFoundException or ArgumentException)
        {
            return DigestRender.Fail(new DigestFailure(DigestFailureKind.SymbolUnavailable, market.VenueName));
        }
        var age = clock.GetUtcNow() - snapshot.DataTime;
        if (age > options.CurrentValue.DigestMaxStaleness)
        {
            logger.LogWarning("Digest of {Symbol}: data is {Age} old (Jobs:DigestMaxStaleness {Max}); postponing", request.Symbol, age, options.CurrentValue.DigestMaxStaleness);
            return DigestRender.Fail(new DigestFailure(DigestFailureKind.Stale, snapshot.Venue, age));
        }

        return await RunAsync(request, snapshot.Venue, cancellationToken).ConfigureAwait(false);
    }

    private async Task<DigestRender> RunAsync(DigestRenderRequest request, string? venue, CancellationToken cancellationToken)
    {
        // A query command needs no permission; the chat address only tells the handler whose time zone to use.
        var command = new CommandRequest(request.AnyChat, ChatKind.Channel, null, request.Language, request.Kind.QueryCommand(),
            request.Kind.QueryArguments(request.Symbol), _ => Task.FromResult(false), request.Now);
        // Digests are not chat commands: they skip the per-user limit and use the real dispatcher's failure outcome.
        if ((dispatcher is RateLimitedCommandDispatcher limited ? limited.Inner : dispatcher) is CommandDispatcher real)
        {
            var outcome = await real.TryRunAsync(command, cancellationToken).ConfigureAwait(false);
            return outcome.Result is { } result
                ? DigestRender.Of(result)
                : DigestRender.Fail(new DigestFailure(outcome.Failure switch
                {
                    CommandFailureKind.Venue => DigestFailureKind.VenueDown,
                    CommandFailureKind.SymbolNotFound => DigestFailureKind.SymbolUnavailable,
                    _ => DigestFailureKind.Failed,
                }, outcome.Venue ?? venue));
        }
        var rendered = await dispatcher.DispatchAsync(command, cancellationToken).ConfigureAwait(false);
        return rendered.Replies.Any(r => r.Report.Kind == ReportKind.Error)
            ? DigestRender.Fail(new DigestFailure(DigestFailureKind.Failed, venue))
            : DigestRender.Of(rendered);
    }
}
