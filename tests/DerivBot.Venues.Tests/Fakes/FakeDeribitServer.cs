using System.Collections.Concurrent;
using DerivBot.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace DerivBot.Venues.Tests.Fakes;

/// <summary>
/// A fake Deribit public API (JSON-RPC over HTTP, apis.md B.4) on a real loopback Kestrel server:
/// <c>/api/v2/public/get_currencies</c> and <c>/api/v2/public/get_book_summary_by_currency?currency=…&amp;kind=option</c>
/// answer from the small chains below (Deribit's shape: numbers as JSON numbers, many nulls) unless a test queued
/// scripted replies. Every request is recorded.
/// </summary>
public sealed class FakeDeribitServer : IAsyncDisposable
{
    public const string CurrenciesPath = "/api/v2/public/get_currencies";
    public const string SummaryPath = "/api/v2/public/get_book_summary_by_currency";

    /// <summary>usOut of every chain: 2026-12-03 12:00:00 UTC in microseconds.</summary>
    public const long UsOut = 1796299200_000000;

    /// <summary>The BTC chain: the Core tests' small chain (hand-computed there), plus a combo the parser must skip.</summary>
    public const string BtcChain = """
        {"jsonrpc":"2.0","result":[
         {"volume":2.0,"underlying_price":100500.0,"underlying_index":"BTC-25DEC26","quote_currency":"BTC","open_interest":10.0,"mid_price":0.125,"mark_price":0.12,"mark_iv":50.0,"low":null,"last":null,"interest_rate":0,"instrument_name":"BTC-25DEC26-90000-C","high":null,"estimated_delivery_price":100000.0,"creation_timestamp":1796299199000,"bid_price":0.12,"base_currency":"BTC","ask_price":0.13,"price_change":null,"volume_usd":201000.0,"volume_notional":null},
         {"volume":4.0,"underlying_price":100500.0,"underlying_index":"BTC-25DEC26","quote_currency":"BTC","open_interest":20.0,"mid_price":null,"mark_price":0.05,"mark_iv":48.0,"low":null,"last":0.05,"interest_rate":0,"instrument_name":"BTC-25DEC26-100000-C","high":null,"estimated_delivery_price":100000.0,"creation_timestamp":1796299199000,"bid_price":null,"base_currency":"BTC","ask_price":null},
         {"volume":null,"underlying_price":100500.0,"underlying_index":"BTC-25DEC26","quote_currency":"BTC","open_interest":5.0,"mid_price":null,"mark_price":0.01,"mark_iv":52.0,"low":null,"last":null,"interest_rate":0,"instrument_name":"BTC-25DEC26-110000-C","high":null,"estimated_delivery_price":100000.0,"creation_timestamp":1796299199000,"bid_price":null,"base_currency":"BTC","ask_price":null},
         {"volume":3.0,"underlying_price":100500.0,"underlying_index":"BTC-25DEC26","quote_currency":"BTC","open_interest":30.0,"mid_price":null,"mark_price":0.02,"mark_iv":56.0,"low":null,"last":null,"interest_rate":0,"instrument_name":"BTC-25DEC26-90000-P","high":null,"estimated_delivery_price":100000.0,"creation_timestamp":1796299199000,"bid_price":null,"base_currency":"BTC","ask_price":null},
         {"volume":1.0,"underlying_price":100500.0,"underlying_index":"BTC-25DEC26","quote_currency":"BTC","open_interest":10.0,"mid_price":null,"mark_price":0.045,"mark_iv":52.0,"low":null,"last":null,"interest_rate":0,"instrument_name":"BTC-25DEC26-100000-P","high":null,"estimated_delivery_price":100000.0,"creation_timestamp":1796299199000,"bid_price":null,"base_currency":"BTC","ask_price":null},
         {"volume":10.0,"underlying_price":100100.0,"underlying_index":"SYN.BTC-4DEC26","quote_currency":"BTC","open_interest":8.0,"mid_price":null,"mark_price":0.003,"mark_iv":40.0,"low":null,"last":null,"interest_rate":0,"instrument_name":"BTC-4DEC26-100000-C","high":null,"estimated_delivery_price":100000.0,"creation_timestamp":1796299199000,"bid_price":null,"base_currency":"BTC","ask_price":null},
         {"volume":5.0,"underlying_price":100100.0,"underlying_index":"SYN.BTC-4DEC26","quote_currency":"BTC","open_interest":4.0,"mid_price":null,"mark_price":0.0005,"mark_iv":45.0,"low":null,"last":null,"interest_rate":0,"instrument_name":"BTC-4DEC26-95000-P","high":null,"estimated_delivery_price":100000.0,"creation_timestamp":1796299199000,"bid_price":null,"base_currency":"BTC","ask_price":null},
         {"volume":0.0,"underlying_price":100100.0,"underlying_index":"SYN.BTC-5DEC26","quote_currency":"BTC","open_interest":6.0,"mid_price":null,"mark_price":0.004,"mark_iv":null,"low":null,"last":null,"interest_rate":0,"instrument_name":"BTC-5DEC26-100000-C","high":null,"estimated_delivery_price":100000.0,"creation_timestamp":1796299199000,"bid_price":null,"base_currency":"BTC","ask_price":null},
         {"volume":null,"underlying_price":null,"underlying_index":null,"quote_currency":"BTC","open_interest":2.0,"mid_price":null,"mark_price":null,"mark_iv":null,"low":null,"last":null,"interest_rate":null,"instrument_name":"BTC-29JAN27-80000-P","high":null,"estimated_delivery_price":100000.0,"creation_timestamp":null,"bid_price":null,"base_currency":"BTC","ask_price":null},
         {"volume":1.0,"open_interest":99.0,"instrument_name":"BTC-CS-25DEC26-100000_110000","estimated_delivery_price":100000.0,"base_currency":"BTC"}
        ],"usIn":1796299199999100,"usOut":1796299200000000,"usDiff":900,"testnet":false}
        """;

    /// <summary>ETH: an empty chain (nothing listed).</summary>
    public const string EthChain = """{"jsonrpc":"2.0","result":[],"usIn":1796299199999100,"usOut":1796299200000000,"usDiff":900,"testnet":false}""";

    /// <summary>The linear USDC chain: SOL and XRP (a "d" decimal strike), open interest in coins.</summary>
    public const string UsdcChain = """
        {"jsonrpc":"2.0","result":[
         {"volume":120.0,"underlying_price":251.2,"quote_currency":"USDC","open_interest":1500.0,"mark_price":12.5,"mark_iv":70.5,"instrument_name":"SOL_USDC-27DEC26-250-C","estimated_delivery_price":250.0,"creation_timestamp":1796299199000,"base_currency":"SOL"},
         {"volume":null,"underlying_price":251.2,"quote_currency":"USDC","open_interest":600.0,"mark_price":10.1,"mark_iv":72.5,"instrument_name":"SOL_USDC-27DEC26-240-P","estimated_delivery_price":250.0,"creation_timestamp":1796299199000,"base_currency":"SOL"},
         {"volume":1000.0,"underlying_price":2.51,"quote_currency":"USDC","open_interest":20000.0,"mark_price":0.1,"mark_iv":80.0,"instrument_name":"XRP_USDC-4DEC26-2d5-P","estimated_delivery_price":2.5,"creation_timestamp":1796299199000,"base_currency":"XRP"}
        ],"usIn":1796299199999100,"usOut":1796299200000000,"usDiff":900,"testnet":false}
        """;

    public const string Currencies = """
        {"jsonrpc":"2.0","result":[{"currency":"BTC","currency_long":"Bitcoin","coin_type":"BITCOIN"},{"currency":"ETH","currency_long":"Ethereum","coin_type":"ETHER"},{"currency":"USDC","currency_long":"USD Coin","coin_type":"USDC"},{"currency":"USDT","currency_long":"Tether","coin_type":"USDT"}],"usIn":1796299199999100,"usOut":1796299200000000,"usDiff":900,"testnet":false}
        """;

    /// <summary>Replaces the BTC chain body (e.g. one built with <see cref="Envelope"/> for expiries after the real clock's now).</summary>
    public string? BtcChainOverride { get; set; }

    /// <summary>A JSON-RPC result envelope around <paramref name="items"/> (JSON objects), stamped <paramref name="time"/>.</summary>
    public static string Envelope(DateTimeOffset time, params string[] items)
    {
        var us = time.ToUnixTimeMilliseconds() * 1000;
        return "{\"jsonrpc\":\"2.0\",\"result\":[" + string.Join(",", items) + "],\"usIn\":" + (us - 500) + ",\"usOut\":" + us + ",\"usDiff\":500,\"testnet\":false}";
    }

    private readonly ConcurrentDictionary<string, ConcurrentQueue<FakeResponse>> _scripted = new(StringComparer.Ordinal);
    private LoopbackServer? _server;

    private FakeDeribitServer()
    {
    }

    public LoopbackServer Server => _server ?? throw new InvalidOperationException("not started");

    /// <summary>The value for <c>Venues:Deribit:RestUrl</c> (…/api/v2, no trailing slash).</summary>
    public string RestUrl => Server.BaseAddress + "api/v2";

    public static async Task<FakeDeribitServer> StartAsync()
    {
        var fake = new FakeDeribitServer();
        fake._server = await LoopbackServer.StartAsync(app => app.Run(fake.HandleAsync)).ConfigureAwait(false);
        return fake;
    }

    /// <summary>Queues replies for <paramref name="path"/>; each request takes one, then the default answer resumes.</summary>
    public void Enqueue(string path, params FakeResponse[] responses)
    {
        var queue = _scripted.GetOrAdd(path, _ => new ConcurrentQueue<FakeResponse>());
        foreach (var r in responses)
        {
            queue.Enqueue(r);
        }
    }

    /// <summary>Summary requests for <paramref name="currency"/>.</summary>
    public int SummaryRequests(string currency) =>
        Server.RequestsTo(SummaryPath).Count(r => r.QueryString.Contains("currency=" + currency + "&", StringComparison.Ordinal));

    /// <summary>A JSON-RPC error body as Deribit sends it.</summary>
    public static FakeResponse RpcError(int status, int code, string message) =>
        new(status, $$"""{"jsonrpc":"2.0","error":{"message":"{{message}}","code":{{code}}},"usIn":1,"usOut":2,"usDiff":1,"testnet":false}""");

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        FakeResponse reply;
        if (_scripted.TryGetValue(path, out var queue) && queue.TryDequeue(out var scripted))
        {
            reply = scripted;
        }
        else if (path == CurrenciesPath)
        {
            reply = FakeResponse.Json(Currencies);
        }
        else if (path == SummaryPath && context.Request.Query["kind"] == "option")
        {
            reply = context.Request.Query["currency"].ToString() switch
            {
                "BTC" => FakeResponse.Json(BtcChainOverride ?? BtcChain),
                "ETH" => FakeResponse.Json(EthChain),
                "USDC" => FakeResponse.Json(UsdcChain),
                _ => RpcError(400, -32602, "Invalid params"),
            };
        }
        else
        {
            reply = RpcError(400, -32601, "Method not found");
        }
        await reply.WriteToAsync(context).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => _server?.DisposeAsync() ?? ValueTask.CompletedTask;
}
