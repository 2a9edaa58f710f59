using System.Text.Json;
using DerivBot.Core.OptionChains;
using DerivBot.Core.Ports;

namespace DerivBot.Venues.Deribit;

/// <summary>
/// Parses Deribit's JSON-RPC responses (apis.md B.4): the envelope <c>{"jsonrpc":"2.0","result":…,"usIn":…,"usOut":…}</c>,
/// its error form <c>{"jsonrpc":"2.0","error":{"code":…,"message":…}}</c>, numbers as JSON numbers and many <c>null</c>s.
/// Shared by the live adapter and the replay venue, so the demo exercises the same code.
/// </summary>
internal static class DeribitParsers
{
    public const string Venue = VenueIds.Deribit;

    /// <summary>The option summaries of a <c>get_book_summary_by_currency</c> response, with the response time and the index.</summary>
    /// <param name="received">Used as the data time when the response carries neither <c>usOut</c> nor <c>creation_timestamp</c>.</param>
    public static BookSummary ParseBookSummary(ReadOnlySpan<byte> body, string venue, DateTimeOffset received)
    {
        using var doc = Parse(body, venue);
        var root = doc.RootElement;
        var result = Result(root, venue);
        if (result.ValueKind != JsonValueKind.Array)
        {
            throw Bad(venue, "get_book_summary_by_currency: 'result' is not an array");
        }
        var items = new List<OptionSummary>(result.GetArrayLength());
        var index = new Dictionary<string, decimal>(StringComparer.Ordinal);
        long newest = 0;
        foreach (var item in result.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object
                || !item.TryGetProperty("instrument_name", out var nameElement) || nameElement.ValueKind != JsonValueKind.String
                || !OptionName.TryParse(nameElement.GetString(), out var name))
            {
                // Futures, combos and anything we cannot read are not options: skip rather than fail the chain.
                continue;
            }
            var iv = Number(item, "mark_iv");
            items.Add(new OptionSummary(
                nameElement.GetString()!,
                name,
                Number(item, "open_interest") ?? 0m,
                Number(item, "volume"),
                iv is { } percent ? percent / 100m : null,
                Number(item, "underlying_price"),
                Number(item, "mark_price")));
            if (Number(item, "estimated_delivery_price") is > 0m and var delivery && !index.ContainsKey(name.Asset))
            {
                index[name.Asset] = delivery;
            }
            if (Number(item, "creation_timestamp") is { } created)
            {
                newest = Math.Max(newest, (long)created);
            }
        }
        DateTimeOffset time;
        if (root.TryGetProperty("usOut", out var usOut) && usOut.ValueKind == JsonValueKind.Number && usOut.TryGetInt64(out var us) && us > 0)
        {
            time = DateTimeOffset.FromUnixTimeMilliseconds(us / 1000);
        }
        else if (newest > 0)
        {
            time = DateTimeOffset.FromUnixTimeMilliseconds(newest);
        }
        else
        {
            time = received;
        }
        return new BookSummary(items, time, index);
    }

    /// <summary>The currency codes of a <c>public/get_currencies</c> response (<c>result[].currency</c>).</summary>
    public static IReadOnlyList<string> ParseCurrencies(ReadOnlySpan<byte> body, string venue)
    {
        using var doc = Parse(body, venue);
        var result = Result(doc.RootElement, venue);
        if (result.ValueKind != JsonValueKind.Array)
        {
            throw Bad(venue, "get_currencies: 'result' is not an array");
        }
        var list = new List<string>();
        foreach (var item in result.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("currency", out var c) && c.ValueKind == JsonValueKind.String
                && !string.IsNullOrWhiteSpace(c.GetString()))
            {
                list.Add(c.GetString()!.ToUpperInvariant());
            }
        }
        return list;
    }

    /// <summary>A JSON-RPC error object, when the body is one: code and message.</summary>
    public static bool TryParseError(ReadOnlySpan<byte> body, out int code, out string message)
    {
        code = 0;
        message = string.Empty;
        try
        {
            using var doc = JsonDocument.Parse(body.ToArray());
            if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
            {
                if (error.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.Number)
                {
                    code = c.TryGetInt32(out var v) ? v : 0;
                }
                if (error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String)
                {
                    message = m.GetString() ?? string.Empty;
                }
                return true;
            }
        }
        catch (JsonException)
        {
        }
        return false;
    }

    /// <summary>The error kind of a JSON-RPC error code (Deribit: 10028 too_many_requests; −32602 invalid params).</summary>
    public static VenueErrorKind KindOf(int code) => code switch
    {
        10028 => VenueErrorKind.RateLimited,
        -32602 or -32601 => VenueErrorKind.InvalidSymbol,
        _ => VenueErrorKind.BadResponse,
    };

    private static JsonDocument Parse(ReadOnlySpan<byte> body, string venue)
    {
        try
        {
            return JsonDocument.Parse(body.ToArray());
        }
        catch (JsonException ex)
        {
            throw new VenueException(venue, VenueErrorKind.BadResponse, $"{venue}: the response is not JSON ({ex.Message})", ex);
        }
    }

    private static JsonElement Result(JsonElement root, string venue)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Bad(venue, "the response is not a JSON-RPC object");
        }
        if (root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
        {
            var code = error.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.Number && c.TryGetInt32(out var v) ? v : 0;
            var message = error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : "";
            throw new VenueException(venue, KindOf(code), $"{venue}: error {code} {message}") { VendorCode = code };
        }
        if (!root.TryGetProperty("result", out var result))
        {
            throw Bad(venue, "the JSON-RPC response has neither 'result' nor 'error'");
        }
        return result;
    }

    private static decimal? Number(JsonElement item, string name)
    {
        if (!item.TryGetProperty(name, out var e) || e.ValueKind != JsonValueKind.Number)
        {
            return null;
        }
        // Deribit sends plain JSON numbers; a huge exponent would not fit a decimal: treat it as missing.
        return e.TryGetDecimal(out var d) ? d : null;
    }

    private static VenueException Bad(string venue, string what) => new(venue, VenueErrorKind.BadResponse, $"{venue}: {what}");
}

/// <summary>A parsed <c>get_book_summary_by_currency</c> response.</summary>
/// <param name="IndexByAsset">Each asset's <c>estimated_delivery_price</c> (USD).</param>
internal sealed record BookSummary(IReadOnlyList<OptionSummary> Options, DateTimeOffset Time, IReadOnlyDictionary<string, decimal> IndexByAsset)
{
    /// <summary>The chain of one asset from this response.</summary>
    public OptionChain ChainOf(string asset, string venue) =>
        new(asset, venue, Time, IndexByAsset.TryGetValue(asset, out var index) ? index : null,
            Options.Where(o => string.Equals(o.Asset, asset, StringComparison.Ordinal)).ToList());
}
