using System.Collections.Concurrent;
using System.Data.Common;

namespace DerivBot.Application.Persistence;

/// <summary>
/// Parameterised commands and row reading over the ADO.NET base classes, shared by the SQLite and PostgreSQL stores.
/// Both write parameters as <c>@name</c> in SQL; callers name them without the <c>@</c> and <see cref="ParameterName"/>
/// adds it, so a statement both databases understand is written the same in each.
/// </summary>
public static class DbCommands
{
    private static readonly ConcurrentDictionary<string, string> Prefixed = new(StringComparer.Ordinal);

    /// <summary>
    /// The parameter's name as it stands in the SQL (<c>@name</c>). Microsoft.Data.Sqlite matches a bare name only by
    /// retrying each prefix with a new string per parameter and execution (+4 KB per digest subscription in
    /// DigestFanOutBenchmarks); Npgsql takes either form. Names are the SQL's own literals, so the cache stays small.
    /// </summary>
    public static string ParameterName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.StartsWith('@') ? name : Prefixed.GetOrAdd(name, static n => "@" + n);
    }

    public static DbCommand Command(this DbConnection connection, DbTransaction? tx, string sql, params (string Name, object? Value)[] parameters)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(parameters);
        var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            cmd.AddParameter(name, value);
        }
        return cmd;
    }

    /// <summary>Adds a parameter whose type the provider infers from the value; null is sent as <see cref="DBNull"/>.</summary>
    public static DbParameter AddParameter(this DbCommand command, string name, object? value)
    {
        ArgumentNullException.ThrowIfNull(command);
        var parameter = command.CreateParameter();
        parameter.ParameterName = ParameterName(name);
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return parameter;
    }

    public static async Task<int> ExecuteAsync(this DbConnection connection, DbTransaction? tx, string sql, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        await using var cmd = connection.Command(tx, sql, parameters);
        return await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    /// <summary>The first column of the first row; null for no row or SQL NULL.</summary>
    public static async Task<object?> ScalarAsync(this DbConnection connection, DbTransaction? tx, string sql, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        await using var cmd = connection.Command(tx, sql, parameters);
        var value = await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false);
        return value is DBNull ? null : value;
    }

    /// <summary>Every row of the command's result, mapped in order.</summary>
    public static async Task<List<T>> ReadAllAsync<T>(this DbCommand command, Func<DbDataReader, T> map, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(map);
        await using var r = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        var list = new List<T>();
        while (await r.ReadAsync(ct).ConfigureAwait(false))
        {
            list.Add(map(r));
        }
        return list;
    }

    /// <summary>Runs <paramref name="sql"/> and maps every row (the command is disposed here).</summary>
    public static async Task<List<T>> QueryAsync<T>(this DbConnection connection, DbTransaction? tx, string sql, Func<DbDataReader, T> map, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        await using var cmd = connection.Command(tx, sql, parameters);
        return await cmd.ReadAllAsync(map, ct).ConfigureAwait(false);
    }

    /// <summary>The first row mapped, or null when there is none.</summary>
    public static async Task<T?> QueryFirstAsync<T>(this DbConnection connection, DbTransaction? tx, string sql, Func<DbDataReader, T> map, CancellationToken ct, params (string Name, object? Value)[] parameters)
        where T : class
    {
        await using var cmd = connection.Command(tx, sql, parameters);
        await using var r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        return await r.ReadAsync(ct).ConfigureAwait(false) ? map(r) : null;
    }
}
