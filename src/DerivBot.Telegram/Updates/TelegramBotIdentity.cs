using Telegram.Bot.Types;

namespace DerivBot.Telegram.Updates;

/// <summary>Who we are on Telegram (from getMe at start): needed to accept <c>/cmd@OurBot</c> and ignore <c>/cmd@OtherBot</c>.</summary>
public sealed class TelegramBotIdentity
{
    private volatile User? _me;

    public User? Me => _me;

    public string? Username => _me?.Username;

    public void Set(User me) => _me = me ?? throw new ArgumentNullException(nameof(me));
}
