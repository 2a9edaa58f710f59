using DerivBot.Application.Localization;
using DerivBot.Core.Chat;
using DerivBot.Core.Ports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DerivBot.Application.Commands;

/// <summary>
/// The time zone a chat reads times in: its stored setting (IANA id or fixed offset, set with /tz) resolved by the one
/// resolver every area uses (<see cref="Subscriptions.TimeZones"/>) when a chat registry is registered, otherwise UTC. A registry failure never blocks a query: the reply falls back to UTC.
/// </summary>
public sealed class ChatTimeZones(IChatRegistry? registry = null, ILogger<ChatTimeZones>? logger = null)
{
    private readonly ILogger _logger = logger ?? NullLogger<ChatTimeZones>.Instance;

    public async Task<TimeZoneInfo> GetAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (registry is null)
        {
            return TimeZoneInfo.Utc;
        }
        try
        {
            var settings = await registry.GetOrCreateAsync(request.Chat, request.Language, cancellationToken).ConfigureAwait(false);
            return Subscriptions.TimeZones.Find(settings.TimeZone);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            _logger.LogWarning(ex, "Reading the time zone of {Chat} failed; answering in UTC", request.Chat);
            return TimeZoneInfo.Utc;
        }
    }
}
