namespace DerivBot.Core.Signals;

// Every signal is a plain record that carries its inputs, the thresholds it used and a machine-readable reason.
// Wording is localized elsewhere (the reports helper maps SignalReason.Code + Values to text). This file holds what
// every signal shares and the whole report; each signal's own records are in <Signal>Records.cs beside it.

/// <summary>Whether a signal had enough data. Missing data never throws; it yields <see cref="InsufficientData"/>.</summary>
public enum SignalStatus
{
    Ok,
    InsufficientData,
}

/// <summary>
/// Why a signal says what it says: a stable code such as <c>quadrant.long_crowding</c> plus named numeric values
/// (rates are fractions, changes are fractions, USD amounts are USD). Reports turn it into localized text.
/// </summary>
public sealed record SignalReason(string Code, IReadOnlyDictionary<string, decimal> Values)
{
    public static SignalReason Of(string code, params (string Name, decimal Value)[] values)
    {
        var dict = new Dictionary<string, decimal>(values.Length, StringComparer.Ordinal);
        foreach (var (name, value) in values)
        {
            dict[name] = value;
        }
        return new SignalReason(code, dict);
    }

    /// <summary>The value named <paramref name="name"/>, or null.</summary>
    public decimal? Get(string name) => Values.TryGetValue(name, out var v) ? v : null;

    public override string ToString() =>
        Values.Count == 0
            ? Code
            : Code + " " + string.Join(' ', Values.Select(kv => kv.Key + "=" + kv.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)));
}

/// <summary>A percentile rank of a current value against the symbol's own history over one window.</summary>
/// <param name="Window">Requested look-back (7 d, 30 d, 90 d …).</param>
/// <param name="Percentile">Share of historical samples at or below the current value, 0..1 (ties count half).</param>
/// <param name="SampleCount">Samples in the part of the window the history covers.</param>
/// <param name="Covered">How much of the window the history actually reaches (≤ <paramref name="Window"/>).</param>
public sealed record PercentileRank(TimeSpan Window, double Percentile, int SampleCount, TimeSpan Covered)
{
    /// <summary>True when the history reaches back over the whole window.</summary>
    public bool IsFullWindow => Covered >= Window;
}

/// <summary>Which way a value sits relative to its history or thresholds.</summary>
public enum Extremity
{
    None,
    High,
    Low,
}
