using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;
using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace DerivBot.Testing;

/// <summary>
/// One throwaway PostgreSQL cluster per test run, started from the machine's binaries (<c>initdb</c>/<c>pg_ctl</c> from
/// <c>PG_BIN</c>, <c>/usr/lib/postgresql/*/bin</c> or the PATH) in a temp folder, listening on a free loopback port
/// with trust authentication; run as the <c>postgres</c> OS user when we are root (PostgreSQL refuses to run as
/// root). Each test asks for a fresh database (<see cref="CreateDatabaseAsync"/>). The cluster is stopped and its
/// folder deleted when the test process exits.
/// <para>Without binaries the PostgreSQL tests skip with <see cref="SkipReason"/> (how to enable them), except when
/// <c>CI=true</c>: there they run and fail with the same message, so CI never passes on skipped PostgreSQL tests.</para>
/// </summary>
public sealed class PostgresCluster : IDisposable
{
    private const string HowToEnable =
        "install PostgreSQL (Debian/Ubuntu: `apt-get install postgresql`; its initdb/pg_ctl live in /usr/lib/postgresql/<version>/bin) or set PG_BIN to the folder holding initdb and pg_ctl";

    private const string RootPrefix = "derivbot-pg-";
    private const string TrashSuffix = ".deleted";

    private static readonly SemaphoreSlim StartGate = new(1, 1);
    private static PostgresCluster? _shared;
    private static string? _startFailure;
    private static int _databases;

    private readonly string _root;
    private int _disposed;

    private PostgresCluster(string root, int port)
    {
        _root = root;
        Port = port;
    }

    /// <summary>The loopback port the cluster listens on.</summary>
    public int Port { get; }

    /// <summary>A connection string to the cluster's <c>postgres</c> database as the superuser <c>postgres</c>.</summary>
    public string AdminConnectionString => ConnectionString("postgres");

    /// <summary>True when <c>CI=true</c>: missing binaries fail instead of skipping.</summary>
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The folder holding initdb and pg_ctl, or null when PostgreSQL is not installed.</summary>
    public static string? BinDirectory { get; } = FindBinDirectory();

    /// <summary>
    /// Why PostgreSQL tests are skipped here (null when they run: the binaries are installed, or CI=true where a
    /// missing installation must fail). Use it as an xunit skip reason.
    /// </summary>
    public static string? SkipReason => IsCi ? null : UnavailableReason;

    /// <summary>Why no cluster can be started here (null when the binaries and, as root, the postgres user exist).</summary>
    public static string? UnavailableReason { get; } = FindUnavailableReason();

    /// <summary>The run's cluster, started on first use (thread-safe). Throws with how-to-enable when impossible.</summary>
    public static async Task<PostgresCluster> GetAsync(CancellationToken cancellationToken = default)
    {
        if (_shared is { } ready)
        {
            return ready;
        }
        await StartGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_shared is not null)
            {
                return _shared;
            }
            if (_startFailure is not null)
            {
                throw new InvalidOperationException(_startFailure);
            }
            if (UnavailableReason is { } reason)
            {
                throw new InvalidOperationException("PostgreSQL tests cannot run: " + reason + (IsCi ? " (CI=true: PostgreSQL tests must not be skipped; .ci/run installs postgresql)" : string.Empty));
            }
            try
            {
                _shared = await StartAsync(BinDirectory!, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _startFailure = "The throwaway PostgreSQL cluster did not start: " + ex.Message;
                throw new InvalidOperationException(_startFailure, ex);
            }
            var cluster = _shared;
            AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.Dispose();
            return cluster;
        }
        finally
        {
            StartGate.Release();
        }
    }

    /// <summary>Creates a fresh, empty database in the run's cluster and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(CancellationToken cancellationToken = default)
    {
        var cluster = await GetAsync(cancellationToken).ConfigureAwait(false);
        // At most 52 characters (PostgreSQL allows 63); never cut to a fixed length — a small process id made the name
        // shorter than the cut and every early database of that run failed.
        var name = string.Create(CultureInfo.InvariantCulture, $"t{Environment.ProcessId}_{Interlocked.Increment(ref _databases)}_{Guid.NewGuid():N}");
        await using (var connection = new NpgsqlConnection(cluster.AdminConnectionString + ";Pooling=false"))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        return cluster.ConnectionString(name);
    }

    /// <summary>
    /// Drops a database made by <see cref="CreateDatabaseAsync"/> (each is a few MB; a run makes hundreds). Connections
    /// still open to it are terminated. Best effort: the cluster folder goes at the end of the run anyway.
    /// </summary>
    public static async Task DropDatabaseAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        if (_shared is not { } cluster)
        {
            return;
        }
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        if (string.IsNullOrEmpty(name) || name == "postgres")
        {
            return;
        }
        try
        {
            await using var connection = new NpgsqlConnection(cluster.AdminConnectionString + ";Pooling=false");
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\" WITH (FORCE)", connection);
            await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException)
        {
        }
    }

    /// <summary>A connection string to <paramref name="database"/> in this cluster.</summary>
    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Database = database,
        Username = "postgres",
        // Tests open many short-lived data sources; a pool per database would hold connections the cluster lacks.
        MaxPoolSize = 20,
        Timeout = 30,
        CommandTimeout = 60,
    }.ConnectionString;

    private static async Task<PostgresCluster> StartAsync(string binDir, CancellationToken ct)
    {
        var asPostgresUser = Environment.UserName == "root" || IsRoot();
        SweepOrphans();
        var root = Path.Combine(Path.GetTempPath(), RootPrefix + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(root);
        await File.WriteAllTextAsync(Path.Combine(root, "owner"), Environment.ProcessId.ToString(CultureInfo.InvariantCulture), ct).ConfigureAwait(false);
        var socketDir = Path.Combine(root, "sock");
        Directory.CreateDirectory(socketDir);
        if (asPostgresUser)
        {
            await RunAsync("chown", ["-R", "postgres:", root], ct).ConfigureAwait(false);
        }
        var dataDir = Path.Combine(root, "data");
        await RunPgAsync(binDir, asPostgresUser, "initdb", ["-D", dataDir, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"], ct).ConfigureAwait(false);
        Exception? last = null;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var port = FreePort();
            var cluster = new PostgresCluster(root, port);
            try
            {
                // fsync off: a test cluster never has to survive a power cut. Enough connections for parallel tests.
                var options = string.Create(CultureInfo.InvariantCulture,
                    $"-c listen_addresses=127.0.0.1 -p {port} -k {socketDir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300 -c shared_buffers=32MB");
                await RunPgAsync(binDir, asPostgresUser, "pg_ctl", ["-D", dataDir, "-l", Path.Combine(root, "server.log"), "-w", "-t", "60", "-o", options, "start"], ct).ConfigureAwait(false);
                return cluster;
            }
            catch (InvalidOperationException ex)
            {
                last = ex; // Most likely the port was taken between probing and binding: try another.
            }
        }
        StopAndDelete(root);
        throw new InvalidOperationException("pg_ctl start failed 3 times: " + last?.Message, last);
    }

    /// <summary>
    /// Stops the cluster and deletes its folder. Runs at process exit, where the test host may be torn down within
    /// moments: so no waiting on pg_ctl — SIGQUIT to the postmaster (PostgreSQL's immediate shutdown; nothing in a test
    /// cluster is worth a checkpoint) and the folder goes. A run killed before this is cleaned by the next run
    /// (<see cref="SweepOrphans"/>).
    /// </summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        NpgsqlConnection.ClearAllPools();
        StopAndDelete(_root);
    }

    private static void StopAndDelete(string root)
    {
        try
        {
            var pidFile = Path.Combine(root, "data", "postmaster.pid");
            if (File.Exists(pidFile) && int.TryParse(File.ReadLines(pidFile).FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid) && pid > 0)
            {
                _ = Kill(pid, SigQuit);
            }
        }
        catch (IOException)
        {
        }
        // The test host may be killed while a recursive delete of ~1,700 files runs: rename first (atomic), so a
        // half-deleted folder is recognisably garbage for the next run's sweep, then let rm finish it on its own.
        var trash = root + TrashSuffix;
        try
        {
            Directory.Move(root, trash);
        }
        catch (IOException)
        {
            trash = root;
        }
        catch (UnauthorizedAccessException)
        {
            trash = root;
        }
        try
        {
            using var rm = Process.Start(new ProcessStartInfo("rm") { ArgumentList = { "-rf", trash }, UseShellExecute = false });
        }
        catch (System.ComponentModel.Win32Exception)
        {
            TryDelete(trash);
        }
    }

    /// <summary>Clusters of earlier runs whose test process is gone (killed before its exit handler ran).</summary>
    private static void SweepOrphans()
    {
        foreach (var root in Directory.EnumerateDirectories(Path.GetTempPath(), RootPrefix + "*"))
        {
            try
            {
                if (root.EndsWith(TrashSuffix, StringComparison.Ordinal))
                {
                    TryDelete(root);
                    continue;
                }
                var ownerFile = Path.Combine(root, "owner");
                var owner = File.Exists(ownerFile) && int.TryParse(File.ReadAllText(ownerFile).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var p) ? p : (int?)null;
                var alive = owner is { } o && Directory.Exists("/proc/" + o.ToString(CultureInfo.InvariantCulture));
                var old = Directory.GetLastWriteTimeUtc(root) < TimeProvider.System.GetUtcNow().UtcDateTime.AddMinutes(-10);
                if (owner is not null ? !alive : old)
                {
                    StopAndDelete(root);
                }
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }

    private const int SigQuit = 3;

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    private static void TryDelete(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static Task RunPgAsync(string binDir, bool asPostgresUser, string tool, IReadOnlyList<string> args, CancellationToken ct)
    {
        var exe = Path.Combine(binDir, tool);
        return asPostgresUser
            ? RunAsync("runuser", ["-u", "postgres", "--", exe, .. args], ct)
            : RunAsync(exe, args, ct);
    }

    private static async Task RunAsync(string fileName, IReadOnlyList<string> args, CancellationToken ct)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // pg_ctl's server inherits the working directory; the postgres user must be able to enter it.
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }
        info.Environment["LC_ALL"] = "C";
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {fileName}");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(120));
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{Path.GetFileName(fileName)} {string.Join(' ', args)} did not finish within 120 s");
        }
        if (process.ExitCode != 0)
        {
            var output = (await stdout.ConfigureAwait(false) + "\n" + await stderr.ConfigureAwait(false)).Trim();
            throw new InvalidOperationException($"{Path.GetFileName(fileName)} {string.Join(' ', args)} exited with {process.ExitCode}: {output}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool IsRoot()
    {
        try
        {
            // /proc/self/status: "Uid:\t<real>\t<effective>…"
            var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal));
            return line is not null && line.Split('\t', StringSplitOptions.RemoveEmptyEntries).Skip(2).FirstOrDefault() == "0";
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static string? FindBinDirectory()
    {
        var candidates = new List<string>();
        if (Environment.GetEnvironmentVariable("PG_BIN") is { Length: > 0 } pgBin)
        {
            // An explicit choice: no fallback to other installations.
            return File.Exists(Path.Combine(pgBin, "initdb")) && File.Exists(Path.Combine(pgBin, "pg_ctl")) ? pgBin : null;
        }
        if (Directory.Exists("/usr/lib/postgresql"))
        {
            // Newest version first.
            candidates.AddRange(Directory.GetDirectories("/usr/lib/postgresql")
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : 0)
                .Select(d => Path.Combine(d, "bin")));
        }
        candidates.AddRange((Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries));
        return candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")));
    }

    private static string? FindUnavailableReason()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS() && !OperatingSystem.IsFreeBSD())
        {
            return "the throwaway-cluster fixture runs on Linux/macOS only; " + HowToEnable;
        }
        if (BinDirectory is null)
        {
            return Environment.GetEnvironmentVariable("PG_BIN") is { Length: > 0 } pgBin
                ? $"PG_BIN={pgBin} holds no initdb and pg_ctl; " + HowToEnable
                : "PostgreSQL binaries (initdb, pg_ctl) not found; " + HowToEnable;
        }
        if (IsRoot() && !File.ReadLines("/etc/passwd").Any(l => l.StartsWith("postgres:", StringComparison.Ordinal)))
        {
            return "running as root, the cluster runs as the OS user `postgres`, which does not exist; " + HowToEnable + " (the package creates the user)";
        }
        return null;
    }
}

/// <summary>
/// A test class whose tests need the throwaway PostgreSQL cluster: <see cref="StoreFactAttribute"/> tests inherited by
/// it skip with <see cref="PostgresCluster.SkipReason"/> when PostgreSQL is not installed (never when CI=true).
/// </summary>
public interface IRequiresPostgres;

/// <summary>
/// A fact of a storage contract (an abstract base run once per provider): skipped with how-to-enable when the concrete
/// test class implements <see cref="IRequiresPostgres"/> and PostgreSQL is not installed here, run otherwise.
/// </summary>
[XunitTestCaseDiscoverer("DerivBot.Testing.StoreFactDiscoverer", "DerivBot.Testing")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class StoreFactAttribute : FactAttribute;

/// <summary>A fact that needs PostgreSQL itself (not a contract): skipped with how-to-enable when PostgreSQL is missing (never when CI=true).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (PostgresCluster.SkipReason is { } reason)
        {
            Skip = "PostgreSQL test skipped: " + reason;
        }
    }
}

/// <summary>Discovers <see cref="StoreFactAttribute"/> tests: the skip depends on the concrete class, not the method.</summary>
public sealed class StoreFactDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        ArgumentNullException.ThrowIfNull(discoveryOptions);
        ArgumentNullException.ThrowIfNull(testMethod);
        var type = (testMethod.TestClass.Class as IReflectionTypeInfo)?.Type;
        var reason = type is not null && typeof(IRequiresPostgres).IsAssignableFrom(type) ? PostgresCluster.SkipReason : null;
        var display = discoveryOptions.MethodDisplayOrDefault();
        var displayOptions = discoveryOptions.MethodDisplayOptionsOrDefault();
        yield return reason is null
            ? new XunitTestCase(diagnosticMessageSink, display, displayOptions, testMethod)
            : new XunitSkippedDataRowTestCase(diagnosticMessageSink, display, displayOptions, testMethod, "PostgreSQL test skipped: " + reason);
    }
}

/// <summary>A theory of a storage contract: like <see cref="StoreFactAttribute"/>, skipped as a whole for a PostgreSQL class when PostgreSQL is missing.</summary>
[XunitTestCaseDiscoverer("DerivBot.Testing.StoreTheoryDiscoverer", "DerivBot.Testing")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class StoreTheoryAttribute : TheoryAttribute;

/// <summary>Discovers <see cref="StoreTheoryAttribute"/> tests (see <see cref="StoreFactDiscoverer"/>).</summary>
public sealed class StoreTheoryDiscoverer(IMessageSink diagnosticMessageSink) : TheoryDiscoverer(diagnosticMessageSink)
{
    public override IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo theoryAttribute)
    {
        ArgumentNullException.ThrowIfNull(discoveryOptions);
        ArgumentNullException.ThrowIfNull(testMethod);
        var type = (testMethod.TestClass.Class as IReflectionTypeInfo)?.Type;
        if (type is not null && typeof(IRequiresPostgres).IsAssignableFrom(type) && PostgresCluster.SkipReason is { } reason)
        {
            return [new XunitSkippedDataRowTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, "PostgreSQL test skipped: " + reason)];
        }
        return base.Discover(discoveryOptions, testMethod, theoryAttribute);
    }
}
