using System.Reflection;
using DerivBot.Application.Study;
using DerivBot.Application.Alerts;
using DerivBot.Application.Market;
using DerivBot.Application.Outbox;
using DerivBot.Application.Subscriptions;
using DerivBot.Core.Ports;
using DerivBot.Storage.Postgres;
using DerivBot.Testing;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace DerivBot.Storage.Tests;

/// <summary>
/// Every storage port one store implements, plus what the tests read besides (drop reasons). Both stores are seen
/// through it (<see cref="StoreForwarder"/>), so one contract suite runs against SQLite and PostgreSQL alike.
/// </summary>
public interface IStoreUnderTest : IChatRegistry, ISubscriptionStore, IAlertStore, IOutboxStore, IMarketHistoryStore, Core.Ports.IOptionsHistoryStore, IQuizStore, ISweepStore
{
    Task<IReadOnlyList<(string IdempotencyKey, string Reason)>> GetDropReasonsAsync(CancellationToken cancellationToken);
}

/// <summary>Forwards each <see cref="IStoreUnderTest"/> call to the real store (ports directly, the rest by name).</summary>
public class StoreForwarder : DispatchProxy
{
    private object _target = null!;

    public static IStoreUnderTest Wrap(object store)
    {
        var proxy = Create<IStoreUnderTest, StoreForwarder>();
        ((StoreForwarder)(object)proxy)._target = store;
        return proxy;
    }

    public object Target => _target;

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        var method = targetMethod.DeclaringType!.IsInstanceOfType(_target)
            ? targetMethod
            : _target.GetType().GetMethod(targetMethod.Name, targetMethod.GetParameters().Select(p => p.ParameterType).ToArray())
              ?? throw new MissingMethodException(_target.GetType().Name, targetMethod.Name);
        try
        {
            return method.Invoke(_target, args);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
            throw;
        }
    }
}

/// <summary>Which store a contract test runs against.</summary>
public abstract class StoreProvider
{
    public static readonly StoreProvider Sqlite = new SqliteProvider();
    public static readonly StoreProvider Postgres = new PostgresProvider();

    public abstract string Name { get; }

    /// <summary>A fresh, empty storage location (a SQLite file in a temp folder, a new PostgreSQL database).</summary>
    public abstract StoreDatabase CreateDatabase();

    public override string ToString() => Name;

    private sealed class SqliteProvider : StoreProvider
    {
        public override string Name => "SQLite";

        public override StoreDatabase CreateDatabase() => new SqliteStoreDatabase();
    }

    private sealed class PostgresProvider : StoreProvider
    {
        public override string Name => "PostgreSQL";

        // Test constructors are synchronous; the cluster code never needs the caller's context (ConfigureAwait(false)).
        public override StoreDatabase CreateDatabase() =>
            new PostgresStoreDatabase(Task.Run(() => PostgresCluster.CreateDatabaseAsync()).GetAwaiter().GetResult());
    }
}

/// <summary>One storage location; stores opened on it share the data (as a restarted process would).</summary>
public abstract class StoreDatabase : IDisposable
{
    /// <summary>A new database object and store on this location (a second instance, or the same one after a restart).</summary>
    public abstract IStoreUnderTest OpenStore(TimeProvider clock);

    /// <summary>Migrates (to <paramref name="targetVersion"/> or the latest) with a database object of its own.</summary>
    public abstract Task MigrateAsync(int? targetVersion, CancellationToken cancellationToken);

    public abstract Task<int> GetVersionAsync(CancellationToken cancellationToken);

    public abstract int LatestVersion { get; }

    /// <summary>Runs raw SQL (a test's setup of an old schema).</summary>
    public abstract Task ExecuteAsync(string sql, CancellationToken cancellationToken);

    /// <summary>The literal for a true flag column (SQLite stores flags as integers, PostgreSQL as booleans).</summary>
    public abstract string True { get; }

    public abstract void Dispose();
}

internal sealed class SqliteStoreDatabase : StoreDatabase
{
    private readonly TempDirectory _dir = new();
    private readonly List<SqliteDatabase> _opened = [];

    public string Path => _dir.File("bot.db");

    public override string True => "1";

    public override int LatestVersion => Migrations.Latest;

    public SqliteDatabase Open()
    {
        var database = SqliteDatabase.ForFile(Path);
        lock (_opened)
        {
            _opened.Add(database);
        }
        return database;
    }

    public override IStoreUnderTest OpenStore(TimeProvider clock) => StoreForwarder.Wrap(new SqliteStore(Open(), clock));

    public override Task MigrateAsync(int? targetVersion, CancellationToken cancellationToken) => Open().MigrateAsync(cancellationToken, targetVersion);

    public override async Task<int> GetVersionAsync(CancellationToken cancellationToken)
    {
        await using var c = await Open().OpenRawAsync(cancellationToken);
        return Migrations.CurrentVersion(c);
    }

    public override async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var c = await Open().OpenRawAsync(cancellationToken);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    public override void Dispose()
    {
        foreach (var database in _opened)
        {
            database.Dispose();
        }
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }
}

internal sealed class PostgresStoreDatabase(string connectionString) : StoreDatabase
{
    private readonly List<PostgresDatabase> _opened = [];

    public string ConnectionString => connectionString;

    public override string True => "true";

    public override int LatestVersion => PostgresDatabase.LatestVersion;

    public PostgresDatabase Open()
    {
        var database = PostgresDatabase.ForConnectionString(connectionString);
        lock (_opened)
        {
            _opened.Add(database);
        }
        return database;
    }

    public override IStoreUnderTest OpenStore(TimeProvider clock) => StoreForwarder.Wrap(new PostgresStore(Open(), clock));

    public override Task MigrateAsync(int? targetVersion, CancellationToken cancellationToken) => Open().MigrateAsync(cancellationToken, targetVersion);

    public override Task<int> GetVersionAsync(CancellationToken cancellationToken) => Open().GetVersionAsync(cancellationToken);

    public override async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var c = await Open().OpenRawAsync(cancellationToken);
        await using var cmd = new NpgsqlCommand(sql, c);
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    public override void Dispose()
    {
        foreach (var database in _opened)
        {
            database.Dispose();
        }
        Task.Run(() => PostgresCluster.DropDatabaseAsync(connectionString)).GetAwaiter().GetResult();
    }
}
