using System.Text;
using DerivBot.Core.Markets;
using DerivBot.Core.Reports;

namespace DerivBot.Application.Reports;

/// <summary>The views a symbol report can switch between with buttons.</summary>
public enum SymbolView { Funding, OpenInterest, Quadrant, Liquidations, LongShort, Rsi, Dashboard }

public static partial class ReportParts
{
    /// <summary>Telegram's callback_data limit; longer commands are not offered as buttons.</summary>
    public const int MaxActionBytes = 60;

    private static readonly (SymbolView View, string Command, string Key)[] Switchable =
    [
        (SymbolView.Funding, "funding", "action.funding"),
        (SymbolView.OpenInterest, "oi", "action.oi"),
        (SymbolView.Quadrant, "quadrant", "action.quadrant"),
        (SymbolView.Liquidations, "liq", "action.liq"),
    ];

    /// <summary>Buttons to the other views of <paramref name="symbol"/> and a Refresh that re-runs <paramref name="refreshCommand"/>.</summary>
    public static IReadOnlyList<ReportAction> ViewActions(Symbol symbol, SymbolView current, string refreshCommand, ReportContext ctx)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        var actions = new List<ReportAction>();
        foreach (var (view, command, key) in Switchable)
        {
            if (view != current)
            {
                Add(actions, ctx.T[key], command + " " + symbol.Value);
            }
        }
        Add(actions, ctx.T["action.refresh"], refreshCommand);
        return actions;
    }

    /// <summary>Adds the action when its command fits Telegram's callback_data.</summary>
    public static void Add(List<ReportAction> actions, string label, string command)
    {
        ArgumentNullException.ThrowIfNull(actions);
        if (Encoding.UTF8.GetByteCount(command) <= MaxActionBytes)
        {
            actions.Add(new ReportAction(label, command));
        }
    }
}
