namespace DerivBot.Telegram.Formatting;

/// <summary>A report laid out for a photo: the caption (≤ 1024 visible) and any text that did not fit, as messages.</summary>
public sealed record TelegramPhotoLayout(string Caption, IReadOnlyList<string> FollowUps);
