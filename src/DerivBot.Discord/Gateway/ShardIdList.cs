using System.Globalization;

namespace DerivBot.Discord.Gateway;

/// <summary>Parses <c>Discord:ShardIds</c>: comma-separated ids and inclusive ranges, e.g. <c>0-3</c> or <c>0,2,4-5</c>.</summary>
internal static class ShardIdList
{
    /// <summary>More shards than any bot runs; bounds what a typo like 0-99999999 can cost.</summary>
    public const int MaxShards = 100_000;

    /// <summary>The ids in ascending order, or null with <paramref name="error"/> set.</summary>
    public static IReadOnlyList<int>? Parse(string text, out string? error)
    {
        error = null;
        var ids = new SortedSet<int>();
        foreach (var raw in text.Split(',', StringSplitOptions.TrimEntries))
        {
            var parts = raw.Split('-', StringSplitOptions.TrimEntries);
            if (parts.Length is < 1 or > 2
                || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var from)
                || !int.TryParse(parts[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var to)
                || from > to || to - from > MaxShards)
            {
                error = $"\"{raw}\" is not a shard id or an ascending range like 0-3";
                return null;
            }
            for (var id = from; id <= to; id++)
            {
                if (!ids.Add(id))
                {
                    error = $"shard {id} is listed twice";
                    return null;
                }
            }
        }
        return [.. ids];
    }
}
