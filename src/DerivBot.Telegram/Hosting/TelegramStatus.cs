using DerivBot.Application.Diagnostics;
using DerivBot.Core.Chat;

namespace DerivBot.Telegram.Hosting;

/// <summary>
/// Telegram's connection for readiness: Starting until getMe answered and polling or the webhook is set up; Connected
/// while getUpdates answers (or once the webhook is registered); Disconnected while getUpdates fails; Stopped when the
/// token was rejected. An instance waiting for the poller lock of another instance sets StandingBy (ready).
/// </summary>
public sealed class TelegramStatus(TimeProvider time) : ChatPlatformStatus(ChatPlatform.Telegram, static () => true, time);
