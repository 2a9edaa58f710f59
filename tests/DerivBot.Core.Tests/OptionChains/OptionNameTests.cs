using DerivBot.Core.OptionChains;

namespace DerivBot.Core.Tests.OptionChains;

public sealed class OptionNameTests
{
    [Theory]
    [InlineData("BTC-27DEC26-100000-C", "BTC", "BTC", 2026, 12, 27, "100000", OptionRight.Call)]
    [InlineData("BTC-5DEC26-90000-P", "BTC", "BTC", 2026, 12, 5, "90000", OptionRight.Put)]
    [InlineData("ETH-7FEB25-2600-P", "ETH", "ETH", 2025, 2, 7, "2600", OptionRight.Put)]
    [InlineData("SOL_USDC-27DEC26-250-C", "SOL", "USDC", 2026, 12, 27, "250", OptionRight.Call)]
    [InlineData("XRP_USDC-3JAN27-2d5-P", "XRP", "USDC", 2027, 1, 3, "2.5", OptionRight.Put)]
    public void TryParse_DeribitNames_GiveAssetExpiryStrikeAndRight(string name, string asset, string settlement, int y, int m, int d, string strike, OptionRight right)
    {
        Assert.True(OptionName.TryParse(name, out var parsed));
        Assert.Equal(asset, parsed.Asset);
        Assert.Equal(settlement, parsed.Settlement);
        Assert.Equal(new DateTimeOffset(y, m, d, 8, 0, 0, TimeSpan.Zero), parsed.Expiry);
        Assert.Equal(decimal.Parse(strike, System.Globalization.CultureInfo.InvariantCulture), parsed.Strike);
        Assert.Equal(right, parsed.Right);
    }

    [Theory]
    [InlineData("BTC-PERPETUAL")]
    [InlineData("BTC-27DEC26")]
    [InlineData("BTC-27DEC26-100000-X")]
    [InlineData("BTC-32DEC26-100000-C")]
    [InlineData("BTC-29FEB25-100000-C")]
    [InlineData("BTC-27XYZ26-100000-C")]
    [InlineData("BTC-27DEC26-abc-C")]
    [InlineData("BTC-27DEC26-0-C")]
    [InlineData("BTC-FS-27DEC26_PERP")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParse_NotAnOption_IsFalse(string? name) => Assert.False(OptionName.TryParse(name, out _));

    [Theory]
    [InlineData(2026, 12, 5, "5DEC26")]
    [InlineData(2026, 12, 27, "27DEC26")]
    public void FormatDate_OneAndTwoDigitDays_MatchDeribit(int y, int m, int d, string expected) =>
        Assert.Equal(expected, OptionName.FormatDate(new DateOnly(y, m, d)));
}
