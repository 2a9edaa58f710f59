using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace DerivBot.Telegram;

/// <summary>Start-time checks whose messages name the configuration key to fix.</summary>
internal sealed partial class TelegramOptionsValidator : IValidateOptions<TelegramOptions>
{
    [GeneratedRegex("^[A-Za-z0-9_-]{1,256}$")]
    private static partial Regex SecretPattern();

    // What Telegram.Bot accepts (it reads the bot id before the colon); no spaces or slashes, since it goes in a path.
    [GeneratedRegex(@"^[0-9]{1,15}:[^\s/]+$")]
    private static partial Regex TokenPattern();

    public ValidateOptionsResult Validate(string? name, TelegramOptions options)
    {
        var errors = new List<string>();
        if (!options.ApiBaseUrl.IsAbsoluteUri || (options.ApiBaseUrl.Scheme != Uri.UriSchemeHttps && options.ApiBaseUrl.Scheme != Uri.UriSchemeHttp))
        {
            errors.Add("Telegram:ApiBaseUrl must be an absolute http(s) URL, e.g. https://api.telegram.org.");
        }
        if (options.BotToken is { Length: > 0 } token && !TokenPattern().IsMatch(token))
        {
            // Never echo the token itself.
            errors.Add("Telegram:BotToken does not look like a bot token (expected <digits>:<secret>, no spaces or slashes).");
        }
        if (options.GlobalBurst >= options.GlobalMessagesPerSecond)
        {
            errors.Add("Telegram:GlobalBurst must be smaller than Telegram:GlobalMessagesPerSecond.");
        }
        if (options.GroupBurst >= options.GroupMessagesPerMinute)
        {
            errors.Add("Telegram:GroupBurst must be smaller than Telegram:GroupMessagesPerMinute.");
        }
        if (options.Mode == TelegramMode.Webhook)
        {
            if (options.WebhookUrl is null || !options.WebhookUrl.IsAbsoluteUri || options.WebhookUrl.Scheme != Uri.UriSchemeHttps)
            {
                errors.Add("Telegram:WebhookUrl must be an absolute https URL in Webhook mode (Telegram only posts to HTTPS on ports 443, 80, 88 or 8443).");
            }
            if (options.WebhookSecret is null || !SecretPattern().IsMatch(options.WebhookSecret))
            {
                errors.Add("Telegram:WebhookSecret is required in Webhook mode: 1–256 characters of A-Z a-z 0-9 _ -.");
            }
        }
        else if (options.WebhookSecret is { } secret && !SecretPattern().IsMatch(secret))
        {
            errors.Add("Telegram:WebhookSecret must be 1–256 characters of A-Z a-z 0-9 _ -.");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
