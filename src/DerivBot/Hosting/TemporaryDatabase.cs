using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DerivBot.Host.Hosting;

/// <summary>
/// The demo's throwaway SQLite file (and its WAL/SHM companions), deleted when the demo ends so repeated demos leave
/// nothing behind in the temp folder. Disposed after the host, when no connection is open any more.
/// </summary>
public sealed class TemporaryDatabase(IServiceProvider services) : IDisposable
{
    private readonly string? _path = new SqliteConnectionStringBuilder(
        services.GetRequiredService<IConfiguration>()["Storage:ConnectionString"] ?? string.Empty).DataSource;

    public void Dispose()
    {
        if (string.IsNullOrEmpty(_path) || _path == ":memory:")
        {
            return;
        }
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
        {
            try
            {
                File.Delete(file);
            }
            catch (IOException)
            {
                // Still held by a connection that outlived the host: the OS temp cleaner takes it.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}
