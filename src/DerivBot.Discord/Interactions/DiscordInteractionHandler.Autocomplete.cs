using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace DerivBot.Discord.Interactions;

/// <summary>Autocomplete (type 8): symbol suggestions, inside the defer budget because autocomplete cannot be deferred.</summary>
internal sealed partial class DiscordInteractionHandler
{
    private async Task AutocompleteAsync(DiscordInteraction interaction, CancellationToken cancellationToken)
    {
        var typed = interaction.Options.FirstOrDefault(o => o.Focused).Value ?? "";
        IReadOnlyList<string> suggestions = [];
        if (symbols is not null)
        {
            // No deferral exists for autocomplete: an empty list in time beats a full one too late.
            using var timeout = new CancellationTokenSource(_deferAfter, time);
            using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            try
            {
                suggestions = await symbols.SuggestAsync(typed.Trim(), MaxAutocompleteChoices, budget.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning("Discord autocomplete: symbol suggestions took too long");
            }
        }
        var choices = new JsonArray();
        foreach (var s in suggestions.Where(s => s.Length is > 0 and <= 100).Distinct(StringComparer.Ordinal).Take(MaxAutocompleteChoices))
        {
            choices.Add(new JsonObject { ["name"] = s, ["value"] = s });
        }
        var payload = new JsonObject { ["type"] = AutocompleteResult, ["data"] = new JsonObject { ["choices"] = choices } };
        await rest.SendAsync(Callback(interaction), payload, null, cancellationToken).ConfigureAwait(false);
    }
}
