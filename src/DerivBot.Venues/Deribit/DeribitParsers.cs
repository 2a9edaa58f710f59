using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using DerivBot.Core.OptionChains;
using DerivBot.Core.Ports;
using DerivBot.Venues.Http;

namespace DerivBot.Venues.Deribit;

/// <summary>
/// Parses Deribit's JSON-RPC responses (apis.md B.4): the envelope <c>{"jsonrpc":"2.0","result":…,"usIn":…,"usOut":…}</c>,
/// its error form <c>{"jsonrpc":"2.0","error":{"code":…,"message":…}}</c>, numbers as JSON numbers and many <c>null</c>s.
/// Shared by the live adapter and the replay venue, so the demo exercises the same code.
/// </summary>
internal static class DeribitParsers
{
    public const string Venue = VenueIds.Deribit;

    private static DeribitJsonContext Wire => DeribitJsonContext.Default;

    /// <summary>The option summaries of a <c>get_book_summary_by_currency</c> response, with the response time and the index.</summary>
    /// <param name="received">Used as the data time when the response carries neither <c>usOut</c> nor <c>creation_timestamp</c>.</param>
    public static BookSummary ParseBookSummary(ReadOnlySpan<byte> body, string venue, DateTimeOffset received)
    {
        var response = Read(body, venue, "get_book_summary_by_currency", Wire.DeribitBookSummaryResponse);
        var result = response.Result ?? throw Bad(venue, "get_book_summary_by_currency: 'result' is not an array");
        var items = new List<OptionSummary>(result.Count);
        var index = new Dictionary<string, decimal>(StringComparer.Ordinal);
        long newest = 0;
        foreach (var item in result)
        {
            if (!OptionName.TryParse(item.InstrumentName, out var name))
            {
                // Futures, combos and anything we cannot read are not options: skip rather than fail the chain.
                continue;
            }
            items.Add(new OptionSummary(
                item.InstrumentName!,
                name,
                item.OpenInterest ?? 0m,
                item.Volume,
                item.MarkIv is { } percent ? percent / 100m : null,
                item.UnderlyingPrice,
                item.MarkPrice));
            if (item.EstimatedDeliveryPrice is > 0m and var delivery && !index.ContainsKey(name.Asset))
            {
                index[name.Asset] = delivery;
            }
            if (item.CreationTimestamp is { } created)
            {
                newest = Math.Max(newest, (long)created);
            }
        }
        DateTimeOffset time;
        if (response.UsOut is { } us && us > 0)
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
        var response = Read(body, venue, "get_currencies", Wire.DeribitCurrenciesResponse);
        var result = response.Result ?? throw Bad(venue, "get_currencies: 'result' is not an array");
        return result
            .Where(item => !string.IsNullOrWhiteSpace(item.Currency))
            .Select(item => item.Currency!.ToUpperInvariant())
            .ToList();
    }

    /// <summary>A JSON-RPC error object, when the body is one: code and message.</summary>
    public static bool TryParseError(ReadOnlySpan<byte> body, out int code, out string message)
    {
        code = 0;
        message = string.Empty;
        DeribitErrorResponse? response;
        try
        {
            response = JsonSerializer.Deserialize(body, Wire.DeribitErrorResponse);
        }
        catch (JsonException)
        {
            return false;
        }
        if (response?.Error is not { } error)
        {
            return false;
        }
        (code, message) = (CodeOf(error), error.Message ?? string.Empty);
        return true;
    }

    /// <summary>The error kind of a JSON-RPC error code (Deribit: 10028 too_many_requests; −32602 invalid params).</summary>
    public static VenueErrorKind KindOf(int code) => code switch
    {
        10028 => VenueErrorKind.RateLimited,
        -32602 or -32601 => VenueErrorKind.InvalidSymbol,
        _ => VenueErrorKind.BadResponse,
    };

    /// <summary>
    /// Reads a whole reply; a body that is not JSON, not an object, or has neither <c>result</c> nor <c>error</c> is a
    /// BadResponse, and an <c>error</c> object is the error Deribit reports.
    /// </summary>
    private static T Read<T>(ReadOnlySpan<byte> body, string venue, string what, JsonTypeInfo<T> type)
        where T : DeribitEnvelope
    {
        var response = WireJson.Read(body, venue, what, type) ?? throw Bad(venue, "the response is not a JSON-RPC object");
        if (response.Error is { } error)
        {
            var code = CodeOf(error);
            throw new VenueException(venue, KindOf(code), $"{venue}: error {code} {error.Message}") { VendorCode = code };
        }
        return response;
    }

    /// <summary>The error's code when it is a JSON number that fits an int, else 0.</summary>
    private static int CodeOf(DeribitErrorDto error) => error.Code is >= int.MinValue and <= int.MaxValue ? (int)error.Code.Value : 0;

    private static VenueException Bad(string venue, string what) => new(venue, VenueErrorKind.BadResponse, $"{venue}: {what}");
}
