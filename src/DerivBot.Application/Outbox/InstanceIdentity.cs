using System.Globalization;

namespace DerivBot.Application.Outbox;

/// <summary>
/// Who this process is among the instances sharing one database: written into outbox claims (<c>claimed_by</c>) so an
/// operator can tell which instance holds a message. Unique per process start (host name, process id and a random
/// suffix), so a restarted instance never mistakes a dead predecessor's claims for its own.
/// </summary>
public sealed class InstanceIdentity
{
    public InstanceIdentity()
        : this(string.Create(CultureInfo.InvariantCulture, $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}"))
    {
    }

    public InstanceIdentity(string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        Id = id;
    }

    /// <summary>The id, at most 200 characters.</summary>
    public string Id { get; }

    public override string ToString() => Id;
}
