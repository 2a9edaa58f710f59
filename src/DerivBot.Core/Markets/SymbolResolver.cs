namespace DerivBot.Core.Markets;

/// <summary>Outcome of resolving what a user typed to a perpetual symbol.</summary>
/// <param name="Symbol">The match, or null.</param>
/// <param name="Suggestions">Close matches when there was no exact one (at most five, best first).</param>
public sealed record SymbolResolution(Symbol? Symbol, IReadOnlyList<Symbol> Suggestions)
{
    public bool Found => Symbol is not null;
}

/// <summary>
/// Maps user input to a perpetual: <c>BTC</c>, <c>btc</c>, <c>BTCUSDT</c>, <c>btcusdt</c>, <c>BTC/USDT</c>, <c>BTC-PERP</c>
/// all mean BTCUSDT; <c>PEPE</c> finds <c>1000PEPEUSDT</c> through the venue's multiplier prefixes. On other venues'
/// universes the same input finds <c>BTC-USDT-SWAP</c> (OKX), <c>BTC_USDT</c> (Gate) or <c>SHIB1000USDT</c> (Bybit) through
/// <see cref="AssetNames"/>.
/// </summary>
public static class SymbolResolver
{
    private static readonly string[] MultiplierPrefixes = ["1000", "10000", "100000", "1000000", "1M"];
    private static readonly string[] QuoteAssets = ["USDT", "USDC"];

    public static SymbolResolution Resolve(string input, IReadOnlyCollection<Symbol> universe)
    {
        ArgumentNullException.ThrowIfNull(universe);
        var cleaned = Normalize(input);
        if (cleaned.Length == 0)
        {
            return new SymbolResolution(null, []);
        }

        var set = universe.Select(s => s.Value).ToHashSet(StringComparer.Ordinal);
        foreach (var candidate in Candidates(cleaned))
        {
            if (set.Contains(candidate))
            {
                return new SymbolResolution(new Symbol(candidate), []);
            }
        }

        // Other venues' spellings (OKX BTC-USDT-SWAP, Gate BTC_USDT, Bybit SHIB1000USDT): match on the canonical asset.
        if (ByAsset(input!, cleaned, universe) is { } byAsset)
        {
            return new SymbolResolution(byAsset, []);
        }

        return new SymbolResolution(null, Suggest(cleaned, set));
    }

    /// <summary>
    /// The universe listing of the same canonical asset (<see cref="AssetNames"/>): USDT-quoted first, then USDC, then
    /// the multiplier the user typed, then the shortest name. A quote the user typed (BTCUSDC) must match.
    /// </summary>
    private static Symbol? ByAsset(string input, string cleaned, IReadOnlyCollection<Symbol> universe)
    {
        var typed = input.Trim();
        foreach (var s in universe)
        {
            if (string.Equals(s.Value, typed, StringComparison.OrdinalIgnoreCase))
            {
                return s;
            }
        }
        var wanted = AssetNames.Parse(typed);
        var typedQuote = QuoteOf(cleaned);
        return universe
            .Select(s => (Symbol: s, Ref: AssetNames.Parse(s.Value), Quote: QuoteOf(s.Value)))
            .Where(x => x.Ref.Asset == wanted.Asset && (typedQuote is null || x.Quote == typedQuote))
            .OrderBy(x => x.Quote switch { "USDT" => 0, "USDC" => 1, _ => 2 })
            .ThenBy(x => x.Ref.CoinsPerUnit == wanted.CoinsPerUnit ? 0 : 1)
            .ThenBy(x => x.Symbol.Value.Length)
            .ThenBy(x => x.Symbol.Value, StringComparer.Ordinal)
            .Select(x => (Symbol?)x.Symbol)
            .FirstOrDefault();
    }

    /// <summary>The quote a name carries (USDT, USDC, USD), or null for a bare asset.</summary>
    private static string? QuoteOf(string name)
    {
        var upper = name.ToUpperInvariant();
        foreach (var q in new[] { "USDT", "USDC" })
        {
            if (upper.Length > q.Length && upper.Contains(q, StringComparison.Ordinal))
            {
                return q;
            }
        }
        // Bare USD only as a separated or suffixed quote of a 3+ letter base (BTC-USD-SWAP, BTCUSD), not BUSD.
        var a = AssetNames.AssetOf(name);
        return upper.Length > a.Length && upper.Contains("USD", StringComparison.Ordinal) && !a.EndsWith("USD", StringComparison.Ordinal) ? "USD" : null;
    }

    /// <summary>Upper-cases and strips separators and perpetual suffixes: " btc/usdt:perp " → "BTCUSDT".</summary>
    public static string Normalize(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return string.Empty;
        }

        var s = input.Trim().ToUpperInvariant();
        foreach (var suffix in new[] { ":PERP", "-PERP", "_PERP", ".P", "PERP", "-SWAP" })
        {
            if (s.Length > suffix.Length && s.EndsWith(suffix, StringComparison.Ordinal))
            {
                s = s[..^suffix.Length];
                break;
            }
        }

        Span<char> buffer = stackalloc char[Math.Min(s.Length, 64)];
        var n = 0;
        foreach (var c in s)
        {
            if (n == buffer.Length)
            {
                break;
            }
            if (char.IsAsciiLetterOrDigit(c))
            {
                buffer[n++] = c;
            }
        }
        return new string(buffer[..n]);
    }

    private static IEnumerable<string> Candidates(string s)
    {
        yield return s;
        var hasQuote = QuoteAssets.Any(q => s.Length > q.Length && s.EndsWith(q, StringComparison.Ordinal));
        var bases = hasQuote ? [s] : QuoteAssets.Select(q => s + q).ToArray();
        foreach (var b in bases)
        {
            yield return b;
        }
        foreach (var b in bases)
        {
            foreach (var prefix in MultiplierPrefixes)
            {
                yield return prefix + b;
            }
        }
    }

    private static List<Symbol> Suggest(string s, HashSet<string> universe)
    {
        var core = StripQuote(s);
        return universe
            .Select(u => (Symbol: u, Score: Score(core, CoreOf(u))))
            .Where(x => x.Score <= Math.Max(1, core.Length / 3) || (core.Length >= 3 && x.Symbol.Contains(core, StringComparison.Ordinal)))
            .OrderBy(x => x.Score)
            .ThenBy(x => x.Symbol.Length)
            .ThenBy(x => x.Symbol, StringComparer.Ordinal)
            .Take(5)
            .Select(x => new Symbol(x.Symbol))
            .ToList();
    }

    /// <summary>The asset part of a listing name for suggestions: BTCUSDT → BTC, 1000PEPEUSDT → PEPE, BTC-USDT-SWAP → BTC.</summary>
    private static string CoreOf(string listing) =>
        listing.IndexOfAny(['-', '_', '/', ':']) > 0 ? AssetNames.AssetOf(listing) : StripMultiplier(StripQuote(listing));

    private static string StripQuote(string s)
    {
        foreach (var q in QuoteAssets)
        {
            if (s.Length > q.Length && s.EndsWith(q, StringComparison.Ordinal))
            {
                return s[..^q.Length];
            }
        }
        return s;
    }

    private static string StripMultiplier(string s)
    {
        foreach (var p in MultiplierPrefixes.OrderByDescending(p => p.Length))
        {
            if (s.Length > p.Length && s.StartsWith(p, StringComparison.Ordinal))
            {
                return s[p.Length..];
            }
        }
        return s;
    }

    /// <summary>Levenshtein distance, small strings only.</summary>
    private static int Score(string a, string b)
    {
        if (a.Length > 32 || b.Length > 32)
        {
            return int.MaxValue;
        }
        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            prev[j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            (prev, cur) = (cur, prev);
        }
        return prev[b.Length];
    }

    /// <summary>
    /// The spot pair and multiplier for a futures base asset: <c>1000PEPE</c> → (<c>PEPE</c>, 1000); <c>BTC</c> → (<c>BTC</c>, 1).
    /// </summary>
    public static (string SpotBase, decimal Multiplier) SpotBaseOf(string futuresBaseAsset)
    {
        ArgumentNullException.ThrowIfNull(futuresBaseAsset);
        if (futuresBaseAsset.StartsWith("1M", StringComparison.Ordinal) && futuresBaseAsset.Length > 2 && char.IsAsciiLetter(futuresBaseAsset[2]))
        {
            return (futuresBaseAsset[2..], 1_000_000m);
        }
        var digits = 0;
        while (digits < futuresBaseAsset.Length && char.IsAsciiDigit(futuresBaseAsset[digits]))
        {
            digits++;
        }
        if (digits >= 3 && digits < futuresBaseAsset.Length && futuresBaseAsset[0] == '1' && futuresBaseAsset[1..digits].All(c => c == '0'))
        {
            return (futuresBaseAsset[digits..], decimal.Parse(futuresBaseAsset[..digits], System.Globalization.CultureInfo.InvariantCulture));
        }
        return (futuresBaseAsset, 1m);
    }
}
