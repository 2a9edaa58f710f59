using DerivBot.Application.Persistence;
using Npgsql;
using NpgsqlTypes;

namespace DerivBot.Storage.Postgres;

/// <summary>
/// What Npgsql does its own way: decimals as <c>numeric</c> and typed nulls where PostgreSQL cannot infer a parameter's
/// type. Commands, parameters, times and row mapping are shared with SQLite (<see cref="DbCommands"/>, <see cref="DbValues"/>).
/// </summary>
internal static class PgSql
{
    /// <summary>A numeric column for the shared row readers.</summary>
    public static decimal ReadDecimal(System.Data.Common.DbDataReader r, int i) => r.GetDecimal(i);

    /// <summary>A parameter that may be null, with its type given (an untyped NULL leaves PostgreSQL guessing).</summary>
    public static NpgsqlParameter Typed(string name, NpgsqlDbType type, object? value) => new(name, type) { Value = value ?? DBNull.Value };
}
