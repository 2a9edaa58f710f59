using DerivBot.Application.Alerts;
using DerivBot.Application.Persistence;

namespace DerivBot.Storage.Postgres;

public sealed partial class PostgresStore
{
    public Task<AlertFiringOutcome> RecordFiringAsync(AlertFiring firing, CancellationToken cancellationToken) =>
        AlertFiringFlow.RecordAsync(_dialect, firing, cancellationToken);
}
