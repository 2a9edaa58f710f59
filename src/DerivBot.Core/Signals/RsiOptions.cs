namespace DerivBot.Core.Signals;

/// <summary>RSI bands and the stacked-overheating rule. Section <c>Signals:Rsi</c>.</summary>
public sealed class RsiOptions
{
    /// <summary>Wilder RSI period in candles. Default 14.</summary>
    public int Period { get; set; } = 14;

    /// <summary>Candle interval (wire name: 5m, 15m, 1h, 4h …). Candles are aggregated up from the snapshot's interval. Default "1h".</summary>
    public string Interval { get; set; } = "1h";

    /// <summary>Overbought bands, ascending. Defaults 70 / 80 / 90.</summary>
    public double Overbought1 { get; set; } = 70;
    public double Overbought2 { get; set; } = 80;
    public double Overbought3 { get; set; } = 90;

    /// <summary>Oversold bands, descending. Defaults 30 / 20 / 10.</summary>
    public double Oversold1 { get; set; } = 30;
    public double Oversold2 { get; set; } = 20;
    public double Oversold3 { get; set; } = 10;
}
