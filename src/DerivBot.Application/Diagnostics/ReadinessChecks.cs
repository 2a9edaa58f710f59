using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DerivBot.Application.Diagnostics;

/// <summary>
/// The readiness checks behind <c>GET /readyz</c> and <c>/health</c>. Each result carries its facts in
/// <see cref="HealthCheckResult.Data"/> (<see cref="StateKey"/> and friends) so the chat command words them in the
/// chat's language from the very same results; <see cref="HealthCheckResult.Description"/> is the English line for
/// operators.
/// </summary>
public static class ReadinessChecks
{
    /// <summary>Tag every readiness check carries.</summary>
    public const string ReadyTag = "ready";

    public const string Store = "store";
    public const string Market = "market";

    public const string StateKey = "state";
    public const string AgeSecondsKey = "ageSeconds";
    public const string LimitSecondsKey = "limitSeconds";
    public const string PendingKey = "pending";
    public const string OldestSecondsKey = "oldestSeconds";
    public const string ProviderKey = "provider";

    internal static IReadOnlyDictionary<string, object> Data(params (string Key, object? Value)[] pairs) =>
        pairs.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value!);

    internal static string OneLine(Exception ex)
    {
        var message = ex.Message.Split('\n', 2)[0].Trim();
        return ex.GetType().Name + (message.Length == 0 ? "" : ": " + (message.Length > 200 ? message[..200] + "…" : message));
    }
}
