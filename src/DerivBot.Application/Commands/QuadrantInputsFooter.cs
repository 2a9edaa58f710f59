using DerivBot.Application.Reports;
using DerivBot.Core.Chat;

namespace DerivBot.Application.Commands;

/// <summary>Footer provenance of a reply whose quadrant read the cross-venue aggregate (/quadrant, /signal and their digests).</summary>
internal static class QuadrantInputsFooter
{
    public static CommandReply Apply(CommandReply reply, SymbolQueryResult q) =>
        q.Aggregate is null ? reply : reply with { Report = reply.Report with { Footer = VenuesReport.WithQuadrantInputs(reply.Report.Footer, q.Aggregate, q.Context) } };
}
