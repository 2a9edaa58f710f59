using DerivBot.Core.Markets;

namespace DerivBot.Core.Tests.Markets;

public sealed class AssetNamesTests
{
    [Theory]
    [InlineData("BTC", "BTC", "1")]
    [InlineData("btc", "BTC", "1")]
    [InlineData(" btc ", "BTC", "1")]
    [InlineData("BTCUSDT", "BTC", "1")]
    [InlineData("btcusdt", "BTC", "1")]
    [InlineData("BTC-USDT-SWAP", "BTC", "1")]
    [InlineData("btc-usdt-swap", "BTC", "1")]
    [InlineData("BTC_USDT", "BTC", "1")]
    [InlineData("BTC/USDT", "BTC", "1")]
    [InlineData("BTC/USDT:USDT", "BTC", "1")]
    [InlineData("BTC-USD-SWAP", "BTC", "1")]
    [InlineData("BTC-PERP", "BTC", "1")]
    [InlineData("BTCUSD", "BTC", "1")]
    [InlineData("ETHUSDC", "ETH", "1")]
    [InlineData("1000PEPEUSDT", "PEPE", "1000")]
    [InlineData("1000PEPE", "PEPE", "1000")]
    [InlineData("kPEPE", "PEPE", "1000")]
    [InlineData("1MBABYDOGEUSDT", "BABYDOGE", "1000000")]
    [InlineData("1000000MOGUSDT", "MOG", "1000000")]
    [InlineData("10000SATSUSDT", "SATS", "10000")]
    [InlineData("SHIB1000USDT", "SHIB", "1000")]
    [InlineData("1INCHUSDT", "1INCH", "1")]
    [InlineData("1INCH-USDT-SWAP", "1INCH", "1")]
    [InlineData("KAVA", "KAVA", "1")]
    [InlineData("KAVAUSDT", "KAVA", "1")]
    [InlineData("kava", "KAVA", "1")]
    [InlineData("PEPE-USDT-SWAP", "PEPE", "1")]
    [InlineData("PEPE_USDT", "PEPE", "1")]
    [InlineData("BUSD", "BUSD", "1")]
    [InlineData("FDUSD", "FDUSD", "1")]
    [InlineData("TUSDUSDT", "TUSD", "1")]
    [InlineData("PERPUSDT", "PERP", "1")]
    [InlineData("BTC USDT", "BTC", "1")]
    public void Parse_ListingOrUserSpelling_GivesCanonicalAssetAndMultiplier(string input, string asset, string coinsPerUnit)
    {
        var parsed = AssetNames.Parse(input);

        Assert.Equal(asset, parsed.Asset);
        Assert.Equal(decimal.Parse(coinsPerUnit, System.Globalization.CultureInfo.InvariantCulture), parsed.CoinsPerUnit);
    }

    [Fact]
    public void AssetOf_EverySpellingOfBitcoin_IsTheSameAsset()
    {
        string[] spellings = ["BTC", "btc", "BTCUSDT", "BTC-USDT-SWAP", "BTC_USDT", "BTC/USDT", "BTC-USD-SWAP", "BTC-PERP"];

        Assert.All(spellings, s => Assert.Equal("BTC", AssetNames.AssetOf(s)));
    }

    [Fact]
    public void Parse_MultiplierListing_ConvertsToCoins()
    {
        // 5,000,000 units of 1000PEPE (Bybit OI) are 5,000,000,000 PEPE.
        var listing = AssetNames.Parse("1000PEPEUSDT");

        Assert.Equal(5_000_000_000m, 5_000_000m * listing.CoinsPerUnit);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Parse_Blank_Throws(string input) => Assert.ThrowsAny<ArgumentException>(() => AssetNames.Parse(input));

    [Theory]
    [InlineData("1000", "1000", "1")]
    [InlineData("100PEPE", "100PEPE", "1")]
    [InlineData("1M", "1M", "1")]
    [InlineData("X2000", "X2000", "1")]
    public void SplitMultiplier_NotAPowerOfTenFromAThousand_LeavesNameAlone(string name, string asset, string multiplier)
    {
        var (a, m) = AssetNames.SplitMultiplier(name);

        Assert.Equal(asset, a);
        Assert.Equal(decimal.Parse(multiplier, System.Globalization.CultureInfo.InvariantCulture), m);
    }
}
