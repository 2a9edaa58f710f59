using System.Globalization;
using DerivBot.Core.Chat;
using DerivBot.Core.Localization;
using Npgsql;

namespace DerivBot.Storage.Postgres;

/// <summary>Small ADO.NET helpers for Npgsql: parameterised commands (<c>@name</c>), time and chat-key conversions.</summary>
internal static class PgSql
{
    public static NpgsqlCommand Command(this NpgsqlConnection connection, NpgsqlTransaction? tx, string sql, params (string Name, object? Value)[] parameters)
    {
        var cmd = new NpgsqlCommand(sql, connection, tx);
        foreach (var (name, value) in parameters)
        {
            cmd.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }
        return cmd;
    }

    public static async Task<int> ExecuteAsync(this NpgsqlConnection connection, NpgsqlTransaction? tx, string sql, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        await using var cmd = connection.Command(tx, sql, parameters);
        return await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    public static async Task<object?> ScalarAsync(this NpgsqlConnection connection, NpgsqlTransaction? tx, string sql, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        await using var cmd = connection.Command(tx, sql, parameters);
        var value = await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false);
        return value is DBNull ? null : value;
    }

    public static long Ms(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    public static DateTimeOffset Time(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    public static DateTimeOffset? TimeOrNull(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : Time(r.GetInt64(i));

    public static decimal? DecimalOrNull(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetDecimal(i);

    public static string Thread(ChatAddress chat) => chat.ThreadId ?? string.Empty;

    public static string Platform(ChatPlatform platform) => platform.ToString();

    public static ChatAddress Address(string platform, string chatId, string thread) =>
        new(Enum.Parse<ChatPlatform>(platform), chatId, thread.Length == 0 ? null : thread);

    public static Language Language(string code) => LanguageExtensions.TryParse(code, out var l) ? l : Core.Localization.Language.En;

    public static string? TimeText(TimeOnly? time) => time?.ToString("HH:mm", CultureInfo.InvariantCulture);

    public static TimeOnly? TimeOnlyOrNull(NpgsqlDataReader r, int i) =>
        r.IsDBNull(i) ? null : TimeOnly.ParseExact(r.GetString(i), "HH:mm", CultureInfo.InvariantCulture);

    public static (string Name, object? Value)[] ChatKeyParameters(ChatAddress chat) =>
        [("platform", Platform(chat.Platform)), ("chat", chat.ChatId), ("thread", Thread(chat))];
}
