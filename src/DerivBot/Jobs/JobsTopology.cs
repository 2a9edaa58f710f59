using Microsoft.Extensions.Configuration;

namespace DerivBot.Host.Jobs;

/// <summary>
/// Where the scheduler lives. With SQLite (one instance per database) Quartz keeps its triggers in memory and one job
/// does the whole refresh cycle. With PostgreSQL (several instances may share the database) Quartz is the clustered
/// AdoJobStore on that database: digests and the alert evaluation fire on ONE instance per firing, while every
/// instance refreshes its own market data outside Quartz (<see cref="LocalMarketRefreshService"/>).
/// </summary>
public sealed record JobsTopology(bool Clustered, string? ConnectionString)
{
    /// <summary><c>Storage:Provider</c> = <c>Postgres</c> (case-insensitive) means clustered, on <c>Storage:ConnectionString</c>.</summary>
    public static JobsTopology From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var clustered = string.Equals(configuration["Storage:Provider"], "Postgres", StringComparison.OrdinalIgnoreCase);
        return new JobsTopology(clustered, clustered ? configuration["Storage:ConnectionString"] : null);
    }
}
