using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Exceptions;

namespace DerivBot.Telegram.Updates;

/// <summary>getChatMember answers (creator/administrator = admin), reused for <see cref="TelegramOptions.AdminCacheDuration"/>.</summary>
public sealed class TelegramAdminCache(ITelegramBotClient client, IOptions<TelegramOptions> options, TimeProvider time, ILogger<TelegramAdminCache> logger)
{
    private readonly ConcurrentDictionary<(long Chat, long User), (bool IsAdmin, DateTimeOffset At)> _cache = new();

    public async Task<bool> IsAdminAsync(long chatId, long userId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_cache.TryGetValue((chatId, userId), out var hit) && now - hit.At < options.Value.AdminCacheDuration)
        {
            return hit.IsAdmin;
        }
        try
        {
            var member = await client.GetChatMember(chatId, userId, cancellationToken).ConfigureAwait(false);
            var isAdmin = member.IsAdmin; // creator or administrator
            if (_cache.Count > 10_000)
            {
                _cache.Clear(); // a crude bound; entries are cheap to refetch
            }
            _cache[(chatId, userId)] = (isAdmin, now);
            return isAdmin;
        }
        catch (RequestException ex)
        {
            // Fail closed: without an answer nobody is treated as admin. Not cached, so the next try asks again.
            logger.LogWarning(ex, "Telegram getChatMember failed for chat {ChatId}; treating the sender as not an admin", chatId);
            return false;
        }
    }
}
