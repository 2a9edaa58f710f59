using DerivBot.Core.Chat;
using DerivBot.Core.Markets;
using DerivBot.Core.Reports;

namespace DerivBot.Application.Reports;

/// <summary>The "nothing to show yet" reply: still a proper report with footer and buttons, never an empty message.</summary>
internal static class NoData
{
    public static CommandReply Reply(ReportKind kind, string title, string message, MarketSnapshot snapshot, ReportContext ctx, IReadOnlyList<ReportAction> actions) =>
        new(new Report(kind, title, [ParagraphBlock.Of(message)], ReportParts.Footer(snapshot, ctx), actions, ReportTone.Warning));
}
