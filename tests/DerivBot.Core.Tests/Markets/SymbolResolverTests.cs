using DerivBot.Core.Markets;

namespace DerivBot.Core.Tests.Markets;

public sealed class SymbolResolverTests
{
    private static readonly Symbol[] Binance = [new("BTCUSDT"), new("ETHUSDT"), new("1000PEPEUSDT"), new("BTCUSDC"), new("1INCHUSDT"), new("KAVAUSDT")];
    private static readonly Symbol[] Okx = [new("BTC-USDT-SWAP"), new("BTC-USD-SWAP"), new("ETH-USDT-SWAP"), new("PEPE-USDT-SWAP"), new("1INCH-USDT-SWAP")];
    private static readonly Symbol[] Gate = [new("BTC_USDT"), new("ETH_USDT"), new("PEPE_USDT")];
    private static readonly Symbol[] Bybit = [new("BTCUSDT"), new("1000PEPEUSDT"), new("SHIB1000USDT")];

    [Theory]
    [InlineData("BTC", "BTCUSDT")]
    [InlineData("btc", "BTCUSDT")]
    [InlineData("btc/usdt", "BTCUSDT")]
    [InlineData("BTC-PERP", "BTCUSDT")]
    [InlineData("BTCUSDC", "BTCUSDC")]
    [InlineData("pepe", "1000PEPEUSDT")]
    [InlineData("1INCH", "1INCHUSDT")]
    [InlineData("kava", "KAVAUSDT")]
    [InlineData("BTC-USDT-SWAP", "BTCUSDT")]
    [InlineData("kPEPE", "1000PEPEUSDT")]
    public void Resolve_BinanceUniverse_FindsListing(string input, string expected) =>
        Assert.Equal(expected, SymbolResolver.Resolve(input, Binance).Symbol?.Value);

    [Theory]
    [InlineData("BTC", "BTC-USDT-SWAP")]
    [InlineData("btc", "BTC-USDT-SWAP")]
    [InlineData("BTCUSDT", "BTC-USDT-SWAP")]
    [InlineData("btc-usdt-swap", "BTC-USDT-SWAP")]
    [InlineData("BTC-USD-SWAP", "BTC-USD-SWAP")]
    [InlineData("pepe", "PEPE-USDT-SWAP")]
    [InlineData("1000PEPEUSDT", "PEPE-USDT-SWAP")]
    [InlineData("1inch", "1INCH-USDT-SWAP")]
    public void Resolve_OkxUniverse_FindsInstrument(string input, string expected) =>
        Assert.Equal(expected, SymbolResolver.Resolve(input, Okx).Symbol?.Value);

    [Theory]
    [InlineData("BTC", "BTC_USDT")]
    [InlineData("pepe", "PEPE_USDT")]
    [InlineData("ETHUSDT", "ETH_USDT")]
    public void Resolve_GateUniverse_FindsContract(string input, string expected) =>
        Assert.Equal(expected, SymbolResolver.Resolve(input, Gate).Symbol?.Value);

    [Fact]
    public void Resolve_BybitTrailingMultiplier_FindsShib1000() =>
        Assert.Equal("SHIB1000USDT", SymbolResolver.Resolve("shib", Bybit).Symbol?.Value);

    [Fact]
    public void Resolve_TypedQuoteNotListed_IsNotFound()
    {
        var result = SymbolResolver.Resolve("ETHUSDC", Okx);

        Assert.False(result.Found);
    }

    [Fact]
    public void Resolve_UnknownOnOkx_SuggestsByAsset()
    {
        var result = SymbolResolver.Resolve("BTX", Okx);

        Assert.False(result.Found);
        Assert.Contains(new Symbol("BTC-USDT-SWAP"), result.Suggestions);
    }

    [Fact]
    public void Resolve_Blank_NotFoundWithoutSuggestions()
    {
        var result = SymbolResolver.Resolve("  ", Okx);

        Assert.False(result.Found);
        Assert.Empty(result.Suggestions);
    }
}
