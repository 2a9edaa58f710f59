namespace DerivBot.Charts;

/// <summary>Optional large-number units from the chat's labels (Chinese 萬/億 or 万/亿).</summary>
internal readonly record struct ChartUnits(string? TenThousand, string? HundredMillion);
