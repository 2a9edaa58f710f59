namespace DerivBot.Core.Reports;

/// <summary>
/// The one report model every chat platform renders. It is already localized: every string in it is final text in
/// the chat's language. Renderers (Telegram HTML, Discord embed, console) only decide layout and escaping, never wording.
/// </summary>
/// <param name="Title">Short headline, e.g. "BTCUSDT · Funding" (≤ 256 characters).</param>
/// <param name="Footer">Provenance line: venue, data time, "stale" mark (already localized), or null.</param>
/// <param name="Actions">Buttons (Telegram inline keyboard, Discord components); each re-runs a command.</param>
public sealed record Report(
    ReportKind Kind,
    string Title,
    IReadOnlyList<ReportBlock> Blocks,
    string? Footer = null,
    IReadOnlyList<ReportAction>? Actions = null,
    ReportTone Tone = ReportTone.Neutral)
{
    public IReadOnlyList<ReportAction> ActionsOrEmpty => Actions ?? [];
}

public enum ReportKind
{
    Funding, OpenInterest, Quadrant, Liquidations, LongShort, Rsi, Dashboard, Chart,
    Lesson, Help, Subscriptions, Alerts, AlertFired, Digest, Settings, Info, Error,
    Venues,
    /// <summary>Options positioning (<c>/options</c>).</summary>
    Options,
    Quiz,
}

/// <summary>Colour hint (Discord embed colour, an emoji on Telegram).</summary>
public enum ReportTone { Neutral, Bullish, Bearish, Warning, Error }

/// <summary>A button that re-runs a command in the same chat, e.g. Label "Refresh", Command "quadrant BTCUSDT".</summary>
/// <param name="Command">Command name and arguments without the slash; at most 60 bytes so it fits Telegram's callback_data.</param>
public sealed record ReportAction(string Label, string Command);
