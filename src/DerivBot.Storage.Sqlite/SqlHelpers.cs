using System.Data.Common;
using System.Globalization;
using DerivBot.Application.Persistence;

namespace DerivBot.Storage;

/// <summary>
/// What SQLite does its own way: decimals kept as invariant text (no digit lost, unlike REAL). Commands, parameters,
/// times and row mapping are shared with PostgreSQL (<see cref="DbCommands"/>, <see cref="DbValues"/>).
/// </summary>
internal static class Sql
{
    public static string Dec(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    public static decimal Dec(string text) => decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>A decimal column (text) for the shared row readers.</summary>
    public static decimal ReadDecimal(DbDataReader r, int i) => Dec(r.GetString(i));
}
