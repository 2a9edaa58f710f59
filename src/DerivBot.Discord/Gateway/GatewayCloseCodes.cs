namespace DerivBot.Discord.Gateway;

/// <summary>Gateway close codes and what we do after each (apis.md D.1).</summary>
internal static class GatewayCloseCodes
{
    /// <summary>What we close with when we want to resume (zombie, op 7): anything but 1000/1001, which end the session.</summary>
    public const int ResumeClose = 4000;

    public static bool IsFatal(int code) => code is 4004 or (>= 4010 and <= 4014);

    /// <summary>4007 invalid seq and 4009 session timed out: the session is gone, Identify afresh.</summary>
    public static bool NeedsNewSession(int code) => code is 4007 or 4009;

    public static string Describe(int code) => code switch
    {
        4004 => "authentication failed (check Discord:BotToken)",
        4010 => "invalid shard",
        4011 => "sharding required",
        4012 => "invalid API version",
        4013 => "invalid intents",
        4014 => "disallowed intents",
        4007 => "invalid sequence",
        4009 => "session timed out",
        _ => "close code " + code.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}

/// <summary>The gateway closed with a code that must not be reconnected (4004, 4010–4014). Only the Discord part stops.</summary>
public sealed class DiscordGatewayFatalException(int closeCode, string reason)
    : Exception($"Discord gateway closed with {closeCode}: {reason}")
{
    public int CloseCode { get; } = closeCode;
}
