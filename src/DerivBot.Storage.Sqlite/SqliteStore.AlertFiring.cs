using DerivBot.Application.Alerts;
using DerivBot.Application.Persistence;

namespace DerivBot.Storage;

public sealed partial class SqliteStore
{
    public Task<AlertFiringOutcome> RecordFiringAsync(AlertFiring firing, CancellationToken cancellationToken) =>
        AlertFiringFlow.RecordAsync(_dialect, firing, cancellationToken);
}
