using System.Globalization;

namespace DerivBot.Core.Markets;

/// <summary>
/// The canonical coin a venue listing trades and how many coins one listed unit stands for:
/// <c>1000PEPEUSDT</c> → (<c>PEPE</c>, 1000); <c>kPEPE</c> (Hyperliquid) → (<c>PEPE</c>, 1000); <c>BTC-USDT-SWAP</c> → (<c>BTC</c>, 1).
/// </summary>
/// <param name="Asset">Upper-case coin name without multiplier prefix or quote, e.g. <c>BTC</c>, <c>PEPE</c>.</param>
/// <param name="CoinsPerUnit">Coins per listed unit of the name's base (1000 for <c>1000PEPE</c>); contract sizes (OKX
/// <c>ctVal</c>, Gate <c>quanto_multiplier</c>) are a separate, per-instrument factor the adapter applies.</param>
public readonly record struct AssetRef(string Asset, decimal CoinsPerUnit);

/// <summary>
/// One place that maps every venue's listing names and every way a user types an asset to one canonical coin:
/// <c>BTC</c>, <c>btc</c>, <c>BTCUSDT</c>, <c>BTC-USDT-SWAP</c>, <c>BTC_USDT</c>, <c>BTC/USDT</c>, <c>BTC-PERP</c> all mean <c>BTC</c>.
/// Pure; no venue knowledge beyond the naming conventions.
/// </summary>
public static class AssetNames
{
    // Longest first so that "USDT" wins over "USD".
    private static readonly string[] Quotes = ["USDT", "USDC", "USD"];
    private static readonly string[] Suffixes = ["-USDT-SWAP", "-USDC-SWAP", "-USD-SWAP", "-SWAP", ":PERP", "-PERP", "_PERP", ".P", "PERP"];

    /// <summary>
    /// Parses a venue listing or user input. Case matters only for Hyperliquid's lower-case <c>k</c> prefix
    /// (<c>kPEPE</c> is 1000 PEPE, <c>KAVA</c> is KAVA); everything else is case-insensitive.
    /// </summary>
    public static AssetRef Parse(string input)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(input);
        var s = input.Trim();
        if (s.Length > 1 && s[0] == 'k' && char.IsAsciiLetterUpper(s[1]))
        {
            var inner = Parse(s[1..]);
            return inner with { CoinsPerUnit = inner.CoinsPerUnit * 1000m };
        }

        s = s.ToUpperInvariant();
        foreach (var suffix in Suffixes)
        {
            if (s.Length > suffix.Length && s.EndsWith(suffix, StringComparison.Ordinal))
            {
                s = s[..^suffix.Length];
                break;
            }
        }

        var separator = s.IndexOfAny(['-', '_', '/', ':', ' ']);
        if (separator > 0)
        {
            s = s[..separator];
        }
        else
        {
            foreach (var quote in Quotes)
            {
                // A bare "USD" ends coin names too (BUSD, TUSD, FDUSD, PYUSD): only a base of 3+ letters before it is
                // a USD-quoted listing (BTCUSD, SOLUSD).
                var minBase = quote == "USD" ? 3 : 1;
                if (s.Length >= quote.Length + minBase && s.EndsWith(quote, StringComparison.Ordinal))
                {
                    s = s[..^quote.Length];
                    break;
                }
            }
        }

        var (asset, multiplier) = SplitMultiplier(s);
        return new AssetRef(asset, multiplier);
    }

    /// <summary>The canonical asset only (see <see cref="Parse"/>).</summary>
    public static string AssetOf(string input) => Parse(input).Asset;

    /// <summary><c>1000PEPE</c> → (PEPE, 1000); <c>1MBABYDOGE</c> → (BABYDOGE, 1 000 000); <c>SHIB1000</c> → (SHIB, 1000);
    /// <c>1INCH</c> → (1INCH, 1).</summary>
    public static (string Asset, decimal Multiplier) SplitMultiplier(string baseName)
    {
        ArgumentNullException.ThrowIfNull(baseName);
        if (baseName.StartsWith("1M", StringComparison.Ordinal) && baseName.Length > 2 && char.IsAsciiLetter(baseName[2]))
        {
            return (baseName[2..], 1_000_000m);
        }
        var digits = 0;
        while (digits < baseName.Length && char.IsAsciiDigit(baseName[digits]))
        {
            digits++;
        }
        // Only powers of ten from 1000 up count as multipliers: "1INCH" and "10SET"-style names are assets.
        if (digits >= 4 && digits < baseName.Length && baseName[0] == '1' && baseName[1..digits].All(c => c == '0'))
        {
            return (baseName[digits..], decimal.Parse(baseName[..digits], CultureInfo.InvariantCulture));
        }
        // Bybit also writes the multiplier after the coin: SHIB1000USDT is 1000 SHIB.
        var trailing = 0;
        while (trailing < baseName.Length && char.IsAsciiDigit(baseName[^(trailing + 1)]))
        {
            trailing++;
        }
        if (trailing >= 4 && trailing < baseName.Length && char.IsAsciiLetter(baseName[^(trailing + 1)])
            && baseName[^trailing] == '1' && baseName[(baseName.Length - trailing + 1)..].All(c => c == '0'))
        {
            return (baseName[..^trailing], decimal.Parse(baseName[^trailing..], CultureInfo.InvariantCulture));
        }
        return (baseName, 1m);
    }
}
