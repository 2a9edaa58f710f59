using System.Globalization;
using System.Text.RegularExpressions;
using DerivBot.Application.Alerts;
using DerivBot.Core.Signals;

namespace DerivBot.Application.Subscriptions;

// Report kinds: digest kinds, recap and quiz words.
public static partial class CommandParsing
{
    public static bool TryParseKind(string token, out DigestKind kind)
    {
        switch (token.ToLowerInvariant())
        {
            case "quadrant" or "quadrants" or "quad" or "q" or "象限":
                kind = DigestKind.Quadrant;
                return true;
            case "liq" or "liqs" or "liquidation" or "liquidations" or "l" or "爆倉" or "爆仓" or "清算":
                kind = DigestKind.Liquidations;
                return true;
            case "dashboard" or "dash" or "signal" or "signals" or "full" or "all" or "儀表板" or "仪表板" or "全部":
                kind = DigestKind.Dashboard;
                return true;
            case "funding" or "fund" or "f" or "fr" or "recap" or "settlement" or "資金費率" or "资金费率" or "費率" or "费率":
                kind = DigestKind.FundingRecap;
                return true;
            case "options" or "option" or "opt" or "pcr" or "putcall" or "期權" or "期权":
                kind = DigestKind.Options;
                return true;
            case "quiz" or "quizzes" or "測驗" or "测验":
                kind = DigestKind.Quiz;
                return true;
            default:
                kind = default;
                return false;
        }
    }

    /// <summary>A first word that asks for the weekly recap of all the chat's symbols.</summary>
    public static bool IsRecapWord(string token) =>
        token.ToLowerInvariant() is "recap" or "weekly-recap" or "回顧" or "回顾" or "週報" or "周报" or "每週回顧" or "每周回顾";

    /// <summary>The quiz kind word after "quiz" ("quiz venues"), as the digest kind that always asks it.</summary>
    public static bool TryParseQuizKind(string token, out DigestKind kind)
    {
        kind = token.ToLowerInvariant() switch
        {
            "quadrant" or "quad" or "q" or "象限" => DigestKind.QuizQuadrant,
            "venues" or "venue" or "v" or "交易所" => DigestKind.QuizVenues,
            "funding" or "fund" or "f" or "fr" or "資金費率" or "资金费率" => DigestKind.QuizFunding,
            "liq" or "liqs" or "liquidations" or "l" or "爆倉" or "爆仓" => DigestKind.QuizLiquidations,
            _ => DigestKind.Quiz,
        };
        return kind != DigestKind.Quiz;
    }
}
