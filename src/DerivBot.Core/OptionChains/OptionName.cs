using System.Globalization;

namespace DerivBot.Core.OptionChains;

/// <summary>
/// A parsed option instrument name: <c>{CCY}-{D|DD}{MMM}{YY}-{STRIKE}-{C|P}</c> (apis.md B.4), e.g.
/// <c>BTC-27DEC26-100000-C</c>, <c>BTC-5DEC26-90000-P</c> (one-digit day) or the linear
/// <c>SOL_USDC-27DEC26-250-C</c> (underscore-prefixed quote). Deribit writes fractional strikes of small coins with a
/// <c>d</c> for the decimal point (<c>XRP_USDC-27DEC26-2d5-C</c> = strike 2.5).
/// </summary>
/// <param name="Asset">Canonical coin, upper case: <c>BTC</c>, <c>SOL</c>.</param>
/// <param name="Settlement">What the option settles in: the coin itself for inverse options (<c>BTC</c>), or the quote of a linear one (<c>USDC</c>).</param>
/// <param name="Expiry">Expiry instant: 08:00 UTC on the named day (Deribit's expiry time).</param>
/// <param name="Strike">Strike in USD per coin.</param>
public readonly record struct OptionName(string Asset, string Settlement, DateTimeOffset Expiry, decimal Strike, OptionRight Right)
{
    /// <summary>Deribit options expire at 08:00 UTC.</summary>
    public static readonly TimeSpan ExpiryTimeOfDay = TimeSpan.FromHours(8);

    private static readonly string[] Months = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];

    /// <summary>Parses <paramref name="name"/>; false for anything that is not a well-formed option name (futures, combos, typos).</summary>
    public static bool TryParse(string? name, out OptionName result)
    {
        result = default;
        if (string.IsNullOrWhiteSpace(name))
        {
            return false;
        }
        var parts = name.Trim().Split('-');
        if (parts.Length != 4 || parts[0].Length == 0)
        {
            return false;
        }
        var right = parts[3] switch
        {
            "C" => OptionRight.Call,
            "P" => OptionRight.Put,
            _ => (OptionRight?)null,
        };
        if (right is null || !TryParseDate(parts[1], out var date) || !TryParseStrike(parts[2], out var strike))
        {
            return false;
        }
        var currency = parts[0].ToUpperInvariant();
        var underscore = currency.IndexOf('_', StringComparison.Ordinal);
        var asset = underscore > 0 ? currency[..underscore] : currency;
        var settlement = underscore > 0 ? currency[(underscore + 1)..] : currency;
        if (asset.Length == 0 || settlement.Length == 0)
        {
            return false;
        }
        result = new OptionName(asset, settlement, new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) + ExpiryTimeOfDay, strike, right.Value);
        return true;
    }

    /// <summary>"5DEC26" / "27DEC26" → the date; the day has one or two digits, the year two.</summary>
    public static bool TryParseDate(string text, out DateOnly date)
    {
        date = default;
        if (text is null || text.Length is < 6 or > 7)
        {
            return false;
        }
        var dayDigits = text.Length - 5;
        if (!int.TryParse(text.AsSpan(0, dayDigits), NumberStyles.None, CultureInfo.InvariantCulture, out var day)
            || !int.TryParse(text.AsSpan(dayDigits + 3, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var year))
        {
            return false;
        }
        var month = Array.IndexOf(Months, text.Substring(dayDigits, 3).ToUpperInvariant()) + 1;
        if (month == 0 || day < 1 || day > DateTime.DaysInMonth(2000 + year, month))
        {
            return false;
        }
        date = new DateOnly(2000 + year, month, day);
        return true;
    }

    /// <summary>The expiry date as Deribit writes it: <c>5DEC26</c>, <c>27DEC26</c>.</summary>
    public static string FormatDate(DateOnly date) =>
        date.Day.ToString(CultureInfo.InvariantCulture) + Months[date.Month - 1] + (date.Year % 100).ToString("00", CultureInfo.InvariantCulture);

    private static bool TryParseStrike(string text, out decimal strike)
    {
        strike = 0;
        var normalized = text.Replace('d', '.');
        return decimal.TryParse(normalized, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out strike) && strike > 0;
    }
}
