using System.Globalization;
using System.Security.Cryptography;
using DerivBot.Application.Commands;
using DerivBot.Application.Localization;
using DerivBot.Application.Reports;
using DerivBot.Core.Chat;
using DerivBot.Core.Markets;
using DerivBot.Core.Ports;
using DerivBot.Core.Reports;
using DerivBot.Core.Study;
using Microsoft.Extensions.Logging;

namespace DerivBot.Application.Study;

/// <summary>
/// Asks a quiz: loads the symbol like any query, builds the question from live data with <see cref="QuizQuestions"/>,
/// words it in the chat's language, stores it (so answers can be scored) and returns a report carrying a
/// <see cref="QuizBlock"/>. "rotate" (what scheduled quizzes ask for) picks a kind by the UTC day.
/// </summary>
public sealed class QuizMaker(SymbolQuery query, IEnumerable<IVenueOverview> venues, IQuizStore store, ILogger<QuizMaker> logger)
{
    /// <summary>The kind words /quiz accepts after the symbol.</summary>
    public static readonly IReadOnlyList<string> KindWords = ["quadrant", "venues", "funding", "liq"];

    /// <summary>The argument a scheduled quiz without a named kind passes.</summary>
    public const string RotateWord = "rotate";

    private readonly IReadOnlyList<IVenueOverview> _venues = venues.ToList();

    public static bool TryParseKind(string word, out QuizKind kind)
    {
        switch (word.ToLowerInvariant())
        {
            case "quadrant" or "quad" or "q" or "象限":
                kind = QuizKind.Quadrant;
                return true;
            case "venues" or "venue" or "v" or "compare" or "交易所":
                kind = QuizKind.Venues;
                return true;
            case "funding" or "fund" or "f" or "fr" or "資金費率" or "资金费率":
                kind = QuizKind.Funding;
                return true;
            case "liq" or "liqs" or "liquidations" or "l" or "爆倉" or "爆仓":
                kind = QuizKind.Liquidations;
                return true;
            default:
                kind = default;
                return false;
        }
    }

    public async Task<CommandResult> AskAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var args = CommandArguments.Split(request.Arguments);
        QuizKind? named = null;
        var rotate = false;
        if (args.Count > 1)
        {
            if (string.Equals(args[1], RotateWord, StringComparison.OrdinalIgnoreCase))
            {
                rotate = true;
            }
            else if (TryParseKind(args[1], out var k))
            {
                named = k;
            }
            else
            {
                throw new CommandUsageException(query.Localizer.Get(request.Language, "error.usage.badChoice", ("value", args[1]), ("choices", string.Join('|', KindWords))));
            }
        }
        var q = await query.LoadAsync(request, 1, cancellationToken).ConfigureAwait(false);
        var ctx = q.Context;
        var kind = named ?? (rotate ? Rotation(ctx.Now) : QuizKind.Quadrant);
        if (kind == QuizKind.Venues && _venues.Count == 0)
        {
            if (!rotate)
            {
                return CommandResult.Of(Info(q, ctx, ctx.T["quiz.unavailable.venues"]));
            }
            kind = QuizKind.Quadrant;
        }
        var model = await BuildAsync(kind, q, cancellationToken).ConfigureAwait(false);
        if (model is null && rotate && kind != QuizKind.Quadrant)
        {
            model = QuizQuestions.Quadrant(q.Signals); // a rotation day without data for its kind still gets a quiz
        }
        if (model is null)
        {
            var key = kind == QuizKind.Venues ? "quiz.unavailable.venues" : "quiz.insufficient";
            return CommandResult.Of(Info(q, ctx, ctx.T.Get(key, ("symbol", q.Snapshot.Symbol.Value))));
        }
        var quiz = Word(model, q.Snapshot, ctx);
        await store.SaveQuizAsync(quiz, cancellationToken).ConfigureAwait(false);
        var block = new QuizBlock(quiz.Id, quiz.Question, quiz.Options, quiz.CorrectOption, quiz.Explanation);
        var report = new Report(ReportKind.Quiz, ctx.T.Get("quiz.title", ("symbol", q.Snapshot.Symbol.Value)), [block], ReportParts.Footer(q.Snapshot, ctx));
        return CommandResult.Of(report, data: new { quiz.Id, Kind = model.Kind, model.Symbol.Value, model.Options, model.CorrectOption, model.Reason.Values, model.AsOf });
    }

    /// <summary>Kinds in rotation order; the UTC day number picks one, so every chat gets the same kind on a day.</summary>
    internal QuizKind Rotation(DateTimeOffset now)
    {
        QuizKind[] kinds = _venues.Count > 0
            ? [QuizKind.Quadrant, QuizKind.Funding, QuizKind.Liquidations, QuizKind.Venues]
            : [QuizKind.Quadrant, QuizKind.Funding, QuizKind.Liquidations];
        var day = (long)(now.UtcDateTime.Date - DateTime.UnixEpoch).TotalDays;
        return kinds[(int)(day % kinds.Length)];
    }

    private async Task<QuizModel?> BuildAsync(QuizKind kind, SymbolQueryResult q, CancellationToken ct)
    {
        var now = q.Context.Now;
        switch (kind)
        {
            case QuizKind.Quadrant:
                return QuizQuestions.Quadrant(q.Signals);
            case QuizKind.Funding:
                var f = q.Signals.Funding;
                var current = f.Current?.PerInterval ?? f.LastSettled?.PerInterval;
                return current is { } c ? QuizQuestions.Funding(q.Snapshot.Symbol, c, f.IntervalHours, q.Snapshot.FundingHistory, now) : null;
            case QuizKind.Liquidations:
                return QuizQuestions.Liquidations(q.Snapshot.Symbol, q.Snapshot.Liquidations, now);
            case QuizKind.Venues:
                var asset = AssetNames.AssetOf(q.Snapshot.Symbol.Value);
                var answers = await Task.WhenAll(_venues.Select(v => StatsAsync(v, asset, ct))).ConfigureAwait(false);
                return QuizQuestions.Venues(q.Snapshot.Symbol, answers.SelectMany(a => a).Where(s => s.Asset == asset).ToList(), now);
            default:
                return null;
        }
    }

    private async Task<IReadOnlyList<VenueInstrumentStat>> StatsAsync(IVenueOverview venue, string asset, CancellationToken ct)
    {
        try
        {
            return await venue.GetStatsAsync([asset], ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is VenueException or HttpRequestException or TimeoutException)
        {
            // One venue down leaves the others to compare.
            logger.LogInformation("Quiz: venue {Venue} did not answer ({Reason})", venue.Name, ex.Message);
            return [];
        }
    }

    private static Report Info(SymbolQueryResult q, ReportContext ctx, string text) =>
        new(ReportKind.Info, ctx.T.Get("quiz.title", ("symbol", q.Snapshot.Symbol.Value)), [new NoteBlock(text)], ReportParts.Footer(q.Snapshot, ctx), Tone: ReportTone.Warning);

    /// <summary>The model in the chat's language, within Telegram's poll limits.</summary>
    public static StoredQuiz Word(QuizModel model, MarketSnapshot snapshot, ReportContext ctx)
    {
        var t = ctx.T;
        var symbol = model.Symbol.Value;
        var r = model.Reason;
        string question;
        IReadOnlyList<string> options;
        string explanation;
        switch (model.Kind)
        {
            case QuizKind.Quadrant:
                question = t.Get("quiz.question.quadrant", ("symbol", symbol));
                options = model.Options.Select(o => t["state." + o]).ToList();
                explanation = t.Get("quiz.explain.quadrant",
                    ("state", options[model.CorrectOption]),
                    ("oi", r.Get("oiChange") is { } oi ? NumberFormat.Change(oi) : ctx.Na),
                    ("window", Hours(r.Get("windowHours") ?? 0)),
                    ("funding", r.Get("fundingPer8h") is { } fr ? NumberFormat.FundingRate(fr) : ctx.Na));
                break;
            case QuizKind.Funding:
                question = t.Get("quiz.question.funding", ("symbol", symbol));
                options = [t["quiz.option.yes"], t["quiz.option.no"]];
                explanation = t.Get("quiz.explain.funding",
                    ("rate", NumberFormat.FundingRate(r.Get("currentPer8h") ?? 0)),
                    ("median", NumberFormat.FundingRate(r.Get("medianPer8h") ?? 0)),
                    ("count", ((int)(r.Get("samples") ?? 0)).ToString(CultureInfo.InvariantCulture)));
                break;
            case QuizKind.Liquidations:
                question = t.Get("quiz.question.liq", ("symbol", symbol));
                options = [t["quiz.option.longs"], t["quiz.option.shorts"]];
                explanation = t.Get("quiz.explain.liq",
                    ("long", ctx.Usd(r.Get("longUsd") ?? 0)), ("short", ctx.Usd(r.Get("shortUsd") ?? 0)),
                    ("venue", ReportParts.VenueName(snapshot.Venue)));
                break;
            default:
                question = t.Get("quiz.question.venues", ("asset", AssetNames.AssetOf(symbol)));
                options = model.Options.Select(ReportParts.VenueName).ToList();
                explanation = t.Get("quiz.explain.venues",
                    ("venue", options[model.CorrectOption]), ("rate", NumberFormat.FundingRate(r.Get("topPer8h") ?? 0)),
                    ("next", model.RunnerUp is { } ru ? ReportParts.VenueName(ru) : ctx.Na), ("nextRate", NumberFormat.FundingRate(r.Get("secondPer8h") ?? 0)));
                break;
        }
        return new StoredQuiz(NewId(), symbol, model.Kind, ctx.Language,
            Clip(question, QuizBlock.QuestionLimit), options.Select(o => Clip(o, QuizBlock.OptionLimit)).ToList(), model.CorrectOption,
            Clip(explanation.Replace('\n', ' '), QuizBlock.ExplanationLimit), ctx.Now);
    }

    private static string Hours(decimal hours) =>
        hours >= 24 && hours % 24 == 0
            ? (hours / 24).ToString("0", CultureInfo.InvariantCulture) + "d"
            : hours.ToString("0.##", CultureInfo.InvariantCulture) + "h";

    /// <summary>Cuts at a text-element boundary with an ellipsis (never splits a surrogate pair).</summary>
    internal static string Clip(string text, int limit)
    {
        if (text.Length <= limit)
        {
            return text;
        }
        var keep = limit - 1;
        var cut = 0;
        var e = StringInfo.GetTextElementEnumerator(text);
        while (e.MoveNext())
        {
            var next = e.ElementIndex + e.GetTextElement().Length;
            if (next > keep)
            {
                break;
            }
            cut = next;
        }
        return text[..cut] + "…";
    }

    private static string NewId() => Convert.ToHexString(RandomNumberGenerator.GetBytes(6)).ToLowerInvariant();
}
