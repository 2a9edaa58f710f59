using DerivBot.Application.Localization;
using DerivBot.Core.Markets;

namespace DerivBot.Application.Reports;

/// <summary>Footer and buttons shared by every symbol report.</summary>
public static partial class ReportParts
{
    /// <summary>"Source: Binance · data as of 2025-10-10 08:00 UTC", plus the stale mark when <see cref="MarketSnapshot.IsStale"/>.</summary>
    public static string Footer(MarketSnapshot snapshot, ReportContext ctx)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(ctx);
        var footer = ctx.T.Get("footer.source", ("venue", VenueName(snapshot.Venue)), ("time", ctx.Time(snapshot.DataTime)));
        if (snapshot.IsStale(ctx.Now))
        {
            footer += " · " + ctx.T.Get("footer.stale", ("ago", TimeFormat.Ago(snapshot.DataTime, ctx.Now, ctx.T)));
            if (snapshot.RefreshFailed)
            {
                footer += " (" + ctx.T["footer.refreshFailed"] + ")";
            }
        }
        return footer;
    }

    /// <summary>Venue ids are lower-case ("binance"); footers show them capitalized.</summary>
    public static string VenueName(string venue) =>
        string.IsNullOrEmpty(venue) ? venue : char.ToUpperInvariant(venue[0]) + venue[1..];

    /// <summary>The asset OI is counted in: the contract's base asset, else the symbol without its quote.</summary>
    public static string BaseAsset(MarketSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot.Contract is { } c && !string.IsNullOrEmpty(c.BaseAsset))
        {
            return c.BaseAsset;
        }
        var s = snapshot.Symbol.Value;
        foreach (var quote in new[] { "USDT", "USDC" })
        {
            if (s.Length > quote.Length && s.EndsWith(quote, StringComparison.Ordinal))
            {
                return s[..^quote.Length];
            }
        }
        return s;
    }
}
