using DerivBot.Application.Localization;
using DerivBot.Application.Venues;
using DerivBot.Core.Ports;

namespace DerivBot.Application.Reports;

public static partial class VenuesReport
{
    /// <summary>Why a venue is missing, in a few words of the chat's language.</summary>
    public static string Reason(VenueFailure failure, ReportContext ctx)
    {
        ArgumentNullException.ThrowIfNull(failure);
        ArgumentNullException.ThrowIfNull(ctx);
        var t = ctx.T;
        return failure.Kind switch
        {
            VenueErrorKind.RateLimited when failure.RetryAfter is { } wait && wait > TimeSpan.Zero =>
                t.Get("venues.reason.rateLimitedWait", ("wait", TimeFormat.Duration(TimeSpan.FromMinutes(Math.Max(1, Math.Ceiling(wait.TotalMinutes))), t))),
            VenueErrorKind.RateLimited => t["venues.reason.rateLimited"],
            VenueErrorKind.Banned => t["venues.reason.banned"],
            VenueErrorKind.BadResponse => t["venues.reason.badResponse"],
            VenueErrorKind.ServerError => t["venues.reason.serverError"],
            VenueErrorKind.Timeout => t["venues.reason.timeout"],
            VenueErrorKind.RegionBlocked => t["venues.reason.regionBlocked"],
            VenueErrorKind.InvalidSymbol => t["venues.reason.notListed"],
            _ => t["venues.reason.unreachable"],
        };
    }
}
