using DerivBot.Core.Localization;
using DerivBot.Application.Localization;
using DerivBot.Application.Reports;
using DerivBot.Core.Ports;

namespace DerivBot.Application.Commands;

public sealed partial class CommandDispatcher
{
    /// <summary>One line per venue failure kind; the venue's own message is logged, not shown.</summary>
    internal static string VenueLine(VenueException ex, Texts t)
    {
        var venue = ("venue", ReportParts.VenueName(ex.Venue));
        return ex.Kind switch
        {
            VenueErrorKind.RateLimited when ex.RetryAfter is { } wait && wait > TimeSpan.Zero =>
                t.Get("error.venue.rateLimited", venue, ("wait", TimeFormat.Duration(RoundUpToMinute(wait), t))),
            VenueErrorKind.RateLimited => t.Get("error.venue.rateLimitedNoWait", venue),
            VenueErrorKind.Banned => t.Get("error.venue.banned", venue),
            VenueErrorKind.BadResponse => t.Get("error.venue.badResponse", venue),
            VenueErrorKind.ServerError => t.Get("error.venue.serverError", venue),
            VenueErrorKind.Timeout => t.Get("error.venue.timeout", venue),
            _ => t.Get("error.venue.unreachable", venue),
        };
    }

    private static TimeSpan RoundUpToMinute(TimeSpan wait) =>
        TimeSpan.FromMinutes(Math.Max(1, Math.Ceiling(wait.TotalMinutes)));
}
