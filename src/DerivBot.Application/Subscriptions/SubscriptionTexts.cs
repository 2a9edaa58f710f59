using System.Globalization;
using DerivBot.Application.Localization;
using DerivBot.Core.Localization;
using DerivBot.Core.Reports;

namespace DerivBot.Application.Subscriptions;

/// <summary>
/// Wording of the subscription, alert and settings commands: a view over <see cref="ILocalizer"/> for the keys under
/// <c>sub.</c> in <c>Localization/Strings*.resx</c> (en, zh-TW, zh-CN), whose templates keep positional placeholders
/// (<c>{0}</c>, <c>{1}</c>, filled in order by <see cref="Format"/>). The localizer's start-up check and the
/// localization tests cover these keys like every other.
/// </summary>
public sealed class SubscriptionTexts(ILocalizer localizer)
{
    /// <summary>The prefix of these keys in the shared resource files.</summary>
    public const string KeyPrefix = "sub.";

    /// <summary>The text for <paramref name="key"/>; throws when the key is missing (a bug the resource test catches).</summary>
    public string Get(Language language, string key) => localizer.Get(language, KeyPrefix + key);

    /// <summary>The text for <paramref name="key"/> with <c>{0}</c>, <c>{1}</c> … filled from <paramref name="args"/>
    /// (formatted in the language's culture, as <see cref="string.Format(IFormatProvider, string, object[])"/> did).</summary>
    public string Format(Language language, string key, params object?[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var culture = language.ToCulture();
        var values = new TextArg[args.Length];
        for (var i = 0; i < args.Length; i++)
        {
            values[i] = new TextArg(i.ToString(CultureInfo.InvariantCulture), Convert.ToString(args[i], culture) ?? "");
        }
        return localizer.Get(language, KeyPrefix + key, values);
    }

    /// <summary>All keys (without the prefix) and templates of one language exactly as its resource file has them.</summary>
    internal static IReadOnlyDictionary<string, string> RawTable(ResxLocalizer localizer, Language language) =>
        localizer.Keys.Where(k => k.StartsWith(KeyPrefix, StringComparison.Ordinal))
            .ToDictionary(k => k[KeyPrefix.Length..], k => localizer.Template(language, k), StringComparer.Ordinal);

    public IReadOnlyDictionary<Language, string> AllLanguages(string key) =>
        Enum.GetValues<Language>().ToDictionary(l => l, l => Get(l, key));

    public Report Error(Language language, string message, string? syntaxCommand = null)
    {
        var blocks = new List<ReportBlock> { ParagraphBlock.Of(message) };
        if (syntaxCommand is not null)
        {
            blocks.Add(new HeadingBlock(Format(language, "syntax.title", syntaxCommand)));
            blocks.Add(new ParagraphBlock(Get(language, "syntax." + syntaxCommand)
                .Split('\n')
                .Select(line => (IReadOnlyList<TextRun>)[new TextRun(line, TextStyle.Code)])
                .ToList()));
        }
        return new Report(ReportKind.Error, Get(language, "error.title"), blocks, Tone: ReportTone.Error);
    }

    public Report Syntax(Language language, string command, string? problem = null) =>
        Error(language, problem ?? Get(language, "error.missing"), command);

    public string KindName(Language language, DigestKind kind) => Get(language, kind switch
    {
        DigestKind.Quadrant => "kind.quadrant",
        DigestKind.Liquidations => "kind.liquidations",
        DigestKind.Dashboard => "kind.dashboard",
        DigestKind.Options => "kind.options",
        DigestKind.Quiz => "kind.quiz",
        DigestKind.QuizQuadrant => "kind.quizQuadrant",
        DigestKind.QuizVenues => "kind.quizVenues",
        DigestKind.QuizFunding => "kind.quizFunding",
        DigestKind.QuizLiquidations => "kind.quizLiq",
        DigestKind.Recap => "kind.recap",
        _ => "kind.funding",
    });

    public string Describe(Language language, DigestSchedule schedule) => schedule.Kind == ScheduleKind.Weekly
        ? Format(language, "schedule.weekly", Get(language, "weekday." + (int)schedule.WeekDay), schedule.TimeOfDay.ToString("HH:mm", CultureInfo.InvariantCulture))
        : schedule.Kind == ScheduleKind.Daily
        ? Format(language, "schedule.daily", schedule.TimeOfDay.ToString("HH:mm", CultureInfo.InvariantCulture))
        : Format(language, "schedule.every", DigestSchedule.FormatDuration(schedule.Interval));

    /// <summary>Local time in the chat's zone, "yyyy-MM-dd HH:mm".</summary>
    public static string LocalTime(DateTimeOffset time, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(time, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>A funding fraction as percent: 0.0005 → "0.0500%".</summary>
    public static string Percent(decimal fraction) =>
        (fraction * 100m).ToString("0.0000", CultureInfo.InvariantCulture) + "%";

    /// <summary>A USD amount compactly: 5000000 → "$5M", 1250000 → "$1.25M".</summary>
    public static string Usd(decimal amount)
    {
        var abs = Math.Abs(amount);
        var (value, suffix) = abs >= 1_000_000_000m ? (amount / 1_000_000_000m, "B")
            : abs >= 1_000_000m ? (amount / 1_000_000m, "M")
            : abs >= 1_000m ? (amount / 1_000m, "K")
            : (amount, "");
        return "$" + value.ToString("0.##", CultureInfo.InvariantCulture) + suffix;
    }
}
