using DerivBot.Application.Diagnostics;
using DerivBot.Core.Chat;
using Microsoft.Extensions.Options;

namespace DerivBot.Discord;

/// <summary>
/// Discord's connection for readiness: Starting until the gateway's READY (or RESUMED), Connected then, Disconnected
/// between a drop and the next READY/RESUMED, Stopped after a fatal close or a rejected token. Checked only when
/// <see cref="DiscordOptions.Enabled"/> and a token is set.
/// </summary>
public sealed class DiscordStatus(IOptions<DiscordOptions> options, TimeProvider time)
    : ChatPlatformStatus(ChatPlatform.Discord, () => options.Value.Enabled && options.Value.HasToken, time);
