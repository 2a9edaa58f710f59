using System.ComponentModel.DataAnnotations;

namespace DerivBot.Storage;

/// <summary>The embedded database. Section: <c>Storage</c>.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>SQLite connection string (<c>Storage:ConnectionString</c>, default <c>Data Source=data/derivbot.db</c>; the folder is created).</summary>
    [Required(ErrorMessage = "Storage:ConnectionString is required, e.g. \"Data Source=data/derivbot.db\".")]
    public string ConnectionString { get; set; } = "Data Source=data/derivbot.db";

    /// <summary>How long a writer waits for another writer's lock before failing (<c>Storage:BusyTimeout</c>, default 00:00:10).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00", ErrorMessage = "Storage:BusyTimeout must be between 00:00:00.100 and 00:10:00.")]
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Delete the database file and its WAL/SHM companions when the host is disposed (<c>Storage:DeleteOnExit</c>,
    /// default false): the demo's throwaway file, so repeated demos leave nothing behind in the temp folder.
    /// </summary>
    public bool DeleteOnExit { get; set; }
}
