using System.Globalization;
using DerivBot.Application.Localization;
using DerivBot.Core.Localization;

namespace DerivBot.Application.Tests.Localization;

public sealed class NumberFormatTests
{
    public static TheoryData<string, Language, string> UsdCases => new()
    {
        { "123000000", Language.En, "$123.0M" },
        { "123000000", Language.ZhTw, "$1.23億" },
        { "123000000", Language.ZhCn, "$1.23亿" },
        { "45600000", Language.En, "$45.60M" },
        { "45600000", Language.ZhTw, "$4,560萬" },
        { "45600000", Language.ZhCn, "$4,560万" },
        { "56700", Language.ZhTw, "$5.67萬" },
        { "4567000", Language.ZhCn, "$456.7万" },
        { "1230000000", Language.En, "$1.23B" },
        { "12345", Language.En, "$12.35K" },
        { "950", Language.En, "$950" },
        { "9876", Language.ZhTw, "$9,876" },
        { "999999", Language.En, "$1.00M" },
        { "99999999", Language.ZhTw, "$1.00億" },
        { "1500000000000", Language.ZhCn, "$15,000亿" },
        { "0", Language.En, "$0" },
        { "0", Language.ZhTw, "$0" },
        { "-2500000", Language.En, "-$2.50M" },
        { "-2500000", Language.ZhTw, "-$250.0萬" },
        { "0.001", Language.En, "$0" },
    };

    [Theory]
    [MemberData(nameof(UsdCases))]
    public void Usd_Amount_UsesTheLanguagesUnits(string amount, Language language, string expected) =>
        Assert.Equal(expected, NumberFormat.Usd(decimal.Parse(amount, CultureInfo.InvariantCulture), language));

    [Theory]
    [InlineData("1200000", "+$1.20M")]
    [InlineData("-1200000", "-$1.20M")]
    [InlineData("0", "$0")]
    public void Usd_Signed_SignIsExplicitExceptForZero(string amount, string expected) =>
        Assert.Equal(expected, NumberFormat.Usd(decimal.Parse(amount, CultureInfo.InvariantCulture), Language.En, signed: true));

    [Theory]
    [InlineData("0.0001", "+0.0100%")]
    [InlineData("-0.000375", "-0.0375%")]
    [InlineData("0", "0.0000%")]
    [InlineData("0.0000001", "0.0000%")] // below display precision: the digits say zero, so no sign
    [InlineData("-0.00000001", "0.0000%")]
    [InlineData("0.003", "+0.3000%")]
    public void FundingRate_Fraction_FourDecimalsInPercentSigned(string fraction, string expected)
        => Assert.Equal(expected, NumberFormat.FundingRate(decimal.Parse(fraction, CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("0.0123", "+1.23%")]
    [InlineData("-0.004", "-0.40%")]
    [InlineData("0", "0.00%")]
    [InlineData("-0.00001", "0.00%")]
    public void Change_Fraction_SignedTwoDecimals(string fraction, string expected) =>
        Assert.Equal(expected, NumberFormat.Change(decimal.Parse(fraction, CultureInfo.InvariantCulture)));

    [Fact]
    public void AnnualRate_TenBasisPointsPer8h_Is109Point5Percent() =>
        Assert.Equal("+109.50%", NumberFormat.AnnualRate(0.001m * 3m * 365m));

    [Theory]
    [InlineData("67250.5", "67,250.50")]
    [InlineData("145.234", "145.23")]
    [InlineData("1.23456", "1.2346")]
    [InlineData("0.51234", "0.5123")]
    [InlineData("0.0105", "0.01050")]
    [InlineData("0.00001234", "0.00001234")]
    [InlineData("0", "0")]
    [InlineData("-3.5", "-3.5000")]
    public void Price_ByMagnitude_SensiblePrecision(string price, string expected) =>
        Assert.Equal(expected, NumberFormat.Price(decimal.Parse(price, CultureInfo.InvariantCulture)));

    [Fact]
    public void Formatting_UnderAGermanMachineCulture_StaysInvariant()
    {
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            Assert.Equal("67,250.50", NumberFormat.Price(67_250.5m));
            Assert.Equal("+0.0100%", NumberFormat.FundingRate(0.0001m));
            Assert.Equal("$45.60M", NumberFormat.Usd(45_600_000m, Language.En));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }
}
