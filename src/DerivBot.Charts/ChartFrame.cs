using DerivBot.Charts.Native;
using DerivBot.Core.Charts;

namespace DerivBot.Charts;

/// <summary>Layout and drawing shared by both charts: proportions, palette, header, labels.</summary>
internal sealed class ChartFrame
{
    public static readonly Rgba Page = Rgba.FromBytes(0x10, 0x12, 0x18);
    public static readonly Rgba TextMain = Rgba.FromBytes(0xEC, 0xEE, 0xF2);
    public static readonly Rgba TextDim = Rgba.FromBytes(0x9A, 0xA0, 0xAC);
    public static readonly Rgba Grid = new(1, 1, 1, 0.08);
    public static readonly Rgba Axis = new(1, 1, 1, 0.35);

    private readonly ChartText _text;

    public ChartFrame(ChartCanvas canvas, ChartText text)
    {
        Canvas = canvas;
        _text = text;
        // Everything is laid out for 1280×720 and scaled, so a 640×360 thumbnail keeps the same proportions.
        S = ScaleFor(canvas.Width, canvas.Height);
        Pad = 16 * S;
        Units = new ChartUnits(Optional(ChartLabels.TenThousand), Optional(ChartLabels.HundredMillion));
    }

    public ChartCanvas Canvas { get; }

    public static double ScaleFor(int width, int height) => Math.Clamp(Math.Min(width / 1280.0, height / 720.0), 0.5, 3.0);

    /// <summary>The y below the title block (<see cref="Header"/> returns the same value).</summary>
    public static double HeaderBottom(double s) => (16 * s) + (24 * s) + (24 * s) + (14 * s);

    /// <summary>Scale factor relative to 1280×720.</summary>
    public double S { get; }

    public double Pad { get; }

    public ChartUnits Units { get; }

    /// <summary>The localized label for <paramref name="key"/>, or the key itself so a missing translation is visible.</summary>
    public string Label(string key) => _text.Labels.TryGetValue(key, out var v) && !string.IsNullOrWhiteSpace(v) ? v : key;

    private string? Optional(string key) => _text.Labels.TryGetValue(key, out var v) && !string.IsNullOrWhiteSpace(v) ? v : null;

    /// <summary>Paints the page and the title block; returns the y where the plot area may start.</summary>
    public double Header(string timeRange)
    {
        var c = Canvas;
        c.FillRect(0, 0, c.Width, c.Height, Page);
        c.SetFont(24 * S, bold: true);
        var titleBaseline = Pad + (24 * S);
        c.Text(_text.Title, Pad, titleBaseline, TextMain);
        c.SetFont(15 * S, bold: false);
        var subBaseline = titleBaseline + (24 * S);
        c.Text(_text.Subtitle, Pad, subBaseline, TextDim);
        // The right-aligned range goes only where it does not run into a long subtitle (which then already names the
        // window, as the heatmap's does): two texts drawn over each other read as neither.
        if (timeRange.Length > 0 && Pad + c.MeasureText(_text.Subtitle) + (24 * S) <= c.Width - Pad - c.MeasureText(timeRange))
        {
            c.Text(timeRange, c.Width - Pad, subBaseline, TextDim, TextAlign.Right);
        }
        return HeaderBottom(S);
    }

    /// <summary>A label in a filled box centred vertically on <paramref name="centerY"/>; returns the box rectangle.</summary>
    public (double X, double Y, double W, double H) Tag(
        string text, double x, double centerY, Rgba fill, Rgba ink, TextAlign align, Rgba? border = null)
    {
        var c = Canvas;
        var w = c.MeasureText(text) + (10 * S);
        var (ascent, descent) = c.FontMetrics();
        var h = ascent + descent + (6 * S);
        var left = align switch
        {
            TextAlign.Right => x - w,
            TextAlign.Center => x - (w / 2),
            _ => x,
        };
        var top = centerY - (h / 2);
        c.FillRect(left, top, w, h, fill);
        if (border is { } b)
        {
            c.StrokeRect(left, top, w, h, b, 1.5 * S);
        }
        c.Text(text, left + (5 * S), top + (3 * S) + ascent, ink);
        return (left, top, w, h);
    }

    /// <summary>A time-axis label centred under <paramref name="x"/>, kept inside the image at the edges.</summary>
    public void TimeLabel(string label, double x, double baseline)
    {
        var w = Canvas.MeasureText(label);
        var left = Math.Clamp(x - (w / 2), 2 * S, Canvas.Width - w - (2 * S));
        Canvas.Text(label, left, baseline, TextDim);
    }

    /// <summary>Centred "no data" message in the plot area.</summary>
    public void NoData(double top)
    {
        var c = Canvas;
        c.SetFont(22 * S, bold: false);
        c.Text(Label(ChartLabels.NoData), c.Width / 2.0, (top + c.Height) / 2, TextDim, TextAlign.Center);
    }

    /// <summary>
    /// Breaks <paramref name="text"/> into lines no wider than <paramref name="maxWidth"/> in the current font: at spaces
    /// in Latin text, between any two Han characters in Chinese, never inside a bracketed group such as （美元） or
    /// (USD), and never before closing punctuation. A single unit wider than the limit gets a line of its own.
    /// </summary>
    public IReadOnlyList<string> Wrap(string text, double maxWidth)
    {
        var lines = new List<string>();
        var line = "";
        foreach (var (unit, spaceBefore) in WrapUnits(text))
        {
            var candidate = line.Length == 0 ? unit : line + (spaceBefore ? " " : "") + unit;
            if (line.Length > 0 && Canvas.MeasureText(candidate) > maxWidth)
            {
                lines.Add(line);
                line = unit;
            }
            else
            {
                line = candidate;
            }
        }
        if (line.Length > 0)
        {
            lines.Add(line);
        }
        return lines;
    }

    private const string Opening = "(（[【「『《";
    private const string Closing = ")）]】」』》，。、：；！？,.:;!?";

    private static List<(string Unit, bool SpaceBefore)> WrapUnits(string text)
    {
        var units = new List<(string, bool)>();
        var i = 0;
        var space = false;
        while (i < text.Length)
        {
            var ch = text[i];
            if (char.IsWhiteSpace(ch))
            {
                space = units.Count > 0;
                i++;
                continue;
            }
            var start = i;
            var close = Opening.IndexOf(ch, StringComparison.Ordinal);
            if (close >= 0)
            {
                // A bracketed group stays whole: "(USD)", "（美元）".
                var end = text.IndexOf(Closing[close], i + 1);
                i = end < 0 ? text.Length : end + 1;
            }
            else if (IsHan(ch))
            {
                i++;
            }
            else
            {
                while (i < text.Length && !char.IsWhiteSpace(text[i]) && !IsHan(text[i]) && !Opening.Contains(text[i], StringComparison.Ordinal))
                {
                    i++;
                }
            }
            // Closing punctuation sticks to what precedes it.
            while (i < text.Length && Closing.Contains(text[i], StringComparison.Ordinal))
            {
                i++;
            }
            units.Add((text[start..i], space));
            space = false;
        }
        return units;
    }

    /// <summary>CJK ideographs and fullwidth forms: lines may break between any two of them.</summary>
    private static bool IsHan(char ch) => ch is >= '\u2E80' and <= '\u9FFF' or >= '\uF900' and <= '\uFAFF' or >= '\uFF00' and <= '\uFFEF';

    /// <summary>Vertical-centring offset for text of the current font: add to a centre y to get the baseline.</summary>
    public double CenterBaseline(double centerY)
    {
        var (ascent, descent) = Canvas.FontMetrics();
        return centerY + ((ascent - descent) / 2);
    }
}
