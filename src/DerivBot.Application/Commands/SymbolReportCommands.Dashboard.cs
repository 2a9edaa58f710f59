using DerivBot.Application.OptionChains;
using DerivBot.Application.Reports;
using DerivBot.Core.Chat;
using DerivBot.Core.Ports;
using DerivBot.Core.Reports;

namespace DerivBot.Application.Commands;

public static partial class SymbolReportCommands
{
    /// <summary>How long the dashboard waits for the options line; a slow options venue never holds up the card.</summary>
    internal static readonly TimeSpan OptionsBudget = TimeSpan.FromSeconds(4);

    private static async Task<CommandReply> DashboardAsync(SymbolQueryResult q, OptionsMarket? options, CancellationToken cancellationToken)
    {
        var reply = QuadrantInputsFooter.Apply(SignalReports.Dashboard(q.Snapshot, q.Signals, q.Context), q);
        if (await OptionsLineAsync(q, options, cancellationToken).ConfigureAwait(false) is { } line)
        {
            // The options line goes just before the closing note.
            var blocks = reply.Report.Blocks.ToList();
            var at = blocks.FindLastIndex(b => b is NoteBlock);
            blocks.Insert(at < 0 ? blocks.Count : at, new FieldsBlock([line]));
            reply = reply with { Report = reply.Report with { Blocks = blocks } };
        }
        return reply;
    }

    private static async Task<ReportField?> OptionsLineAsync(SymbolQueryResult q, OptionsMarket? options, CancellationToken ct)
    {
        if (options is not { IsAvailable: true })
        {
            return null;
        }
        var t = q.Context.T;
        var asset = OptionsMarket.AssetOf(q.Snapshot.Symbol.Value);
        var label = t.Get("signal.options", ("venue", ReportParts.VenueName(options.VenueName ?? "")));
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(ct);
        budget.CancelAfter(OptionsBudget);
        try
        {
            var listed = await options.AssetsAsync(budget.Token).ConfigureAwait(false);
            if (!listed.Contains(asset, StringComparer.Ordinal))
            {
                return null;
            }
            var view = await options.GetAsync(asset, OptionsMarket.ContextOf(q.Snapshot, q.Signals), budget.Token).ConfigureAwait(false);
            return new ReportField(label, OptionsReport.DashboardLine(view, q.Context), Inline: false);
        }
        catch (Exception ex) when (ex is VenueException || (ex is OperationCanceledException && !ct.IsCancellationRequested))
        {
            // The dashboard still goes out; the line says the options venue did not answer.
            return new ReportField(label, t.Get("signal.optionsUnavailable", ("venue", ReportParts.VenueName(options.VenueName ?? ""))), Inline: false);
        }
    }
}
