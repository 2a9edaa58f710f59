using System.Text.Json.Nodes;
using DerivBot.Core.Chat;
using DerivBot.Core.Ports;
using DerivBot.Discord.Rendering;

namespace DerivBot.Discord.Interactions;

/// <summary>Quizzes in interactions: answer buttons are scored privately, and a quiz posted as a reply is recorded so it takes answers.</summary>
internal sealed partial class DiscordInteractionHandler
{
    /// <summary>
    /// A quiz button: the answer is scored and the presser alone gets right/wrong with the explanation, as an
    /// ephemeral reply (type 4, flags 64) sent straight away — scoring is one SQLite write, well inside Discord's 3 s.
    /// </summary>
    private async Task AnswerQuizAsync(DiscordInteraction interaction, string customId, CancellationToken cancellationToken)
    {
        if (quizzes is null || interaction.UserId is not { } userId)
        {
            // No quiz book in this host (or no user): acknowledge silently rather than say something meaningless.
            await rest.SendAsync(Callback(interaction), new JsonObject { ["type"] = DeferredUpdateMessage }, null, cancellationToken).ConfigureAwait(false);
            return;
        }
        var parts = customId[DiscordEmbedRenderer.QuizButtonPrefix.Length..].Split(':');
        // A malformed id is scored as an unknown option: the book answers "no longer available" in the chat's language.
        var option = parts.Length == 2 && int.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var o) ? o : -1;
        var player = new QuizPlayer(userId, interaction.UserName is { Length: > 0 } n ? n : userId);
        var chat = new ChatAddress(ChatPlatform.Discord, interaction.ChannelId);
        var result = await quizzes.AnswerAsync(parts[0], chat, player, option, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        var text = result.Text;
        var payload = new JsonObject
        {
            ["type"] = ChannelMessageWithSource,
            ["data"] = new JsonObject { ["content"] = text, ["flags"] = EphemeralFlag, ["allowed_mentions"] = new JsonObject { ["parse"] = new JsonArray() } },
        };
        await rest.SendAsync(Callback(interaction), payload, null, cancellationToken).ConfigureAwait(false);
    }

    private async Task RecordQuizAsync(string quizId, ChatAddress chat, CancellationToken cancellationToken)
    {
        if (quizzes is not null)
        {
            await quizzes.RecordPostAsync(quizId, chat, null, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        }
    }
}
