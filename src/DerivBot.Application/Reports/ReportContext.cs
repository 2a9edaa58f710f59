using DerivBot.Application.Localization;
using DerivBot.Core.Localization;

namespace DerivBot.Application.Reports;

/// <summary>Everything a report builder needs besides the data: wording, the chat's zone and the instant "now".</summary>
/// <remarks>Builders are pure: the same (data, context) always gives the same report, so digests are reproducible.</remarks>
public sealed record ReportContext(Texts T, TimeZoneInfo Zone, DateTimeOffset Now)
{
    public Language Language => T.Language;

    public string Time(DateTimeOffset instant) => TimeFormat.Instant(instant, Zone);

    public string Usd(decimal amount, bool signed = false) => NumberFormat.Usd(amount, Language, signed);

    public string Amount(decimal amount, bool signed = false) => NumberFormat.Amount(amount, Language, signed);

    public string Na => T["common.na"];

    public string List(IEnumerable<string> items) => string.Join(T["common.listSeparator"], items);
}
