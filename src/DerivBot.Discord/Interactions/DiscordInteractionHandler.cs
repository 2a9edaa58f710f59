using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using DerivBot.Core.Chat;
using DerivBot.Core.Localization;
using DerivBot.Core.Ports;
using DerivBot.Discord.Commands;
using DerivBot.Discord.Gateway;
using DerivBot.Discord.Rendering;
using DerivBot.Discord.Rest;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DerivBot.Discord.Interactions;

/// <summary>
/// Answers interactions from the gateway (apis.md D.2) within Discord's 3 s: slash commands and buttons go to the
/// <see cref="ICommandDispatcher"/>; a reply ready before <see cref="DiscordOptions.DeferAfter"/> goes straight into the
/// callback (type 4, or 7 for a button, which updates its message), a slower one is deferred (type 5/6) and edited into
/// <c>@original</c> when ready; further messages become follow-ups. Autocomplete answers with symbols (type 8). A
/// button whose command this version does not know (from an older version) is answered ephemerally (type 4, flags 64)
/// and its message is left alone.
/// </summary>
internal sealed partial class DiscordInteractionHandler(
    DiscordRestClient rest,
    ICommandDispatcher dispatcher,
    IChatRegistry registry,
    ISymbolCatalog? symbols,
    DiscordEmbedRenderer renderer,
    DiscordCommandRegistrar registrar,
    IOptions<DiscordOptions> options,
    TimeProvider time,
    ILogger<DiscordInteractionHandler> logger,
    ILocalizer localizer,
    IQuizBook? quizzes = null) : IGatewayDispatchHandler
{
    /// <summary>Permission bits that may change a guild channel's settings: ADMINISTRATOR | MANAGE_CHANNELS | MANAGE_GUILD.</summary>
    public const ulong SettingsPermissions = 8 | 16 | 32;

    public const int MaxAutocompleteChoices = 25;

    private const int ChannelMessageWithSource = 4;
    private const int DeferredChannelMessageWithSource = 5;
    private const int DeferredUpdateMessage = 6;
    private const int UpdateMessage = 7;
    private const int AutocompleteResult = 8;
    private const int EphemeralFlag = 1 << 6;

    /// <summary>Message flag EPHEMERAL: only the user who clicked sees the answer.</summary>
    private const int Ephemeral = 64;

    private readonly TimeSpan _deferAfter = options.Value.DeferAfter;
    private readonly ConcurrentDictionary<Task, byte> _running = new();
    private int _registrationStarted;
    private volatile string? _applicationId;

    /// <summary>The slash-command registration started by the first READY (null before it).</summary>
    public Task? Registration { get; private set; }

    public void OnReady(string applicationId, CancellationToken cancellationToken)
    {
        _applicationId = applicationId;
        if (Interlocked.Exchange(ref _registrationStarted, 1) == 0)
        {
            Registration = Track(registrar.EnsureRegisteredAsync(applicationId, cancellationToken));
        }
    }

    public void OnDispatch(string eventName, JsonElement data, CancellationToken cancellationToken)
    {
        if (eventName == "INTERACTION_CREATE")
        {
            Track(HandleAsync(data, cancellationToken));
        }
    }

    /// <summary>Waits (bounded) for interactions still being answered, so shutdown does not cut replies in half.</summary>
    public async Task DrainAsync(TimeSpan timeout)
    {
        var pending = _running.Keys.ToArray();
        if (pending.Length > 0)
        {
            await Task.WhenAny(Task.WhenAll(pending), Task.Delay(timeout, time)).ConfigureAwait(false);
        }
    }

    internal async Task HandleAsync(JsonElement data, CancellationToken cancellationToken)
    {
        try
        {
            var interaction = DiscordInteraction.Parse(data);
            if (interaction is null)
            {
                logger.LogWarning("Discord interaction without id, token or channel ignored");
                return;
            }
            switch (interaction.Type)
            {
                case DiscordInteraction.Autocomplete:
                    await AutocompleteAsync(interaction, cancellationToken).ConfigureAwait(false);
                    break;
                case DiscordInteraction.ApplicationCommand when interaction.CommandName is { Length: > 0 } name:
                    var command = name.ToLowerInvariant();
                    await RunCommandAsync(interaction, command, JoinArguments(command, interaction.Options), component: false, cancellationToken).ConfigureAwait(false);
                    break;
                case DiscordInteraction.MessageComponent when interaction.CustomId is { } quizId && quizId.StartsWith(DiscordEmbedRenderer.QuizButtonPrefix, StringComparison.Ordinal):
                    await AnswerQuizAsync(interaction, quizId, cancellationToken).ConfigureAwait(false);
                    break;
                case DiscordInteraction.MessageComponent when interaction.CustomId is { Length: > 0 } customId:
                    // A button's custom_id is the command to re-run, e.g. "quadrant BTCUSDT".
                    var trimmed = customId.Trim();
                    var space = trimmed.IndexOf(' ', StringComparison.Ordinal);
                    var (cmd, args) = space < 0 ? (trimmed, "") : (trimmed[..space], trimmed[(space + 1)..].Trim());
                    if (!dispatcher.IsKnown(cmd))
                    {
                        // A button from an older version of the bot: tell the clicker privately and leave the
                        // report it sits on alone (a type-7 "Unknown command" would replace it for everyone).
                        await StaleButtonAsync(interaction, cmd, cancellationToken).ConfigureAwait(false);
                        break;
                    }
                    await RunCommandAsync(interaction, cmd.ToLowerInvariant(), args, component: true, cancellationToken).ConfigureAwait(false);
                    break;
                default:
                    logger.LogDebug("Discord interaction type {Type} not handled", interaction.Type);
                    break;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Discord interaction failed");
        }
    }

    /// <summary>Option values joined with spaces in the order the command defines them (then any unknown ones).</summary>
    internal string JoinArguments(string command, IReadOnlyList<(string Name, string Value, bool Focused)> given)
    {
        var info = dispatcher.Commands.FirstOrDefault(c => c.Name == command || c.Aliases.Contains(command));
        var ordered = new List<string>();
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var option in info?.Options ?? [])
        {
            foreach (var g in given.Where(g => g.Name == option.Name))
            {
                ordered.Add(g.Value);
                used.Add(g.Name);
            }
        }
        ordered.AddRange(given.Where(g => !used.Contains(g.Name)).Select(g => g.Value));
        return string.Join(' ', ordered.Select(v => v.Trim()).Where(v => v.Length > 0));
    }

    private async Task RunCommandAsync(DiscordInteraction interaction, string command, string arguments, bool component, CancellationToken cancellationToken)
    {
        var applicationId = interaction.ApplicationId ?? _applicationId;
        if (applicationId is null)
        {
            logger.LogWarning("Discord interaction arrived before READY gave the application id; ignored");
            return;
        }
        using var deferCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var deferTimer = Task.Delay(_deferAfter, time, deferCts.Token);
        var work = Task.Run(() => ProduceAsync(interaction, command, arguments, cancellationToken), cancellationToken);
        var deferred = false;
        if (await Task.WhenAny(work, deferTimer).ConfigureAwait(false) != work)
        {
            await rest.SendAsync(Callback(interaction), new JsonObject { ["type"] = component ? DeferredUpdateMessage : DeferredChannelMessageWithSource }, null, cancellationToken)
                .ConfigureAwait(false);
            deferred = true;
        }
        await deferCts.CancelAsync().ConfigureAwait(false);

        Produced produced;
        try
        {
            produced = await work.ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogError(ex, "Discord command {Command} failed", command);
            // Not deferred: Discord itself tells the user, in their language, that the app did not respond.
            if (deferred && !component)
            {
                await TryAsync(() => rest.SendAsync(DiscordRoute.DeleteOriginalResponse(applicationId, interaction.Token), null, null, cancellationToken)).ConfigureAwait(false);
            }
            return;
        }

        if (produced.LimitNotice is { } notice)
        {
            // Over the per-user command limit: the one notice goes only to this user (ephemeral), and the report a
            // button sits on stays as it is.
            var data = new JsonObject { ["content"] = notice, ["flags"] = Ephemeral };
            if (deferred)
            {
                if (!component)
                {
                    await TryAsync(() => rest.SendAsync(DiscordRoute.DeleteOriginalResponse(applicationId, interaction.Token), null, null, cancellationToken)).ConfigureAwait(false);
                }
                await rest.SendAsync(DiscordRoute.CreateFollowup(applicationId, interaction.Token), data, null, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await rest.SendAsync(Callback(interaction), new JsonObject { ["type"] = ChannelMessageWithSource, ["data"] = data }, null, cancellationToken).ConfigureAwait(false);
            }
            return;
        }

        var messages = produced.Messages;
        if (messages.Count == 0)
        {
            if (!deferred)
            {
                // Acknowledge so Discord shows no failure; there is nothing to say.
                await rest.SendAsync(Callback(interaction), new JsonObject { ["type"] = DeferredUpdateMessage }, null, cancellationToken).ConfigureAwait(false);
            }
            return;
        }

        var first = messages[0];
        if (deferred)
        {
            await rest.SendAsync(DiscordRoute.EditOriginalResponse(applicationId, interaction.Token), first.Payload, first.Files, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var callback = new JsonObject { ["type"] = component ? UpdateMessage : ChannelMessageWithSource, ["data"] = first.Payload.DeepClone() };
            await rest.SendAsync(Callback(interaction), callback, first.Files, cancellationToken).ConfigureAwait(false);
        }
        foreach (var more in messages.Skip(1))
        {
            await rest.SendAsync(DiscordRoute.CreateFollowup(applicationId, interaction.Token), more.Payload, more.Files, cancellationToken).ConfigureAwait(false);
        }
        foreach (var quizId in messages.Select(m => m.QuizId).OfType<string>())
        {
            await RecordQuizAsync(quizId, new ChatAddress(ChatPlatform.Discord, interaction.ChannelId), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The rendered replies, or (over the per-user command limit) the notice to show the user privately.</summary>
    private sealed record Produced(IReadOnlyList<DiscordMessage> Messages, string? LimitNotice);

    private async Task<Produced> ProduceAsync(DiscordInteraction interaction, string command, string arguments, CancellationToken cancellationToken)
    {
        var chat = new ChatAddress(ChatPlatform.Discord, interaction.ChannelId);
        var kind = interaction.InGuild ? ChatKind.Group : ChatKind.Private;
        // A guild channel is first set up in the guild's language; a DM in the user's.
        var locale = interaction.InGuild ? interaction.GuildLocale ?? interaction.Locale : interaction.Locale;
        Language? hint = LanguageExtensions.TryParse(locale, out var parsed) ? parsed : null;
        var settings = await registry.GetOrCreateAsync(chat, hint, cancellationToken).ConfigureAwait(false);
        if (!settings.Active)
        {
            await registry.MarkActiveAsync(chat, cancellationToken).ConfigureAwait(false);
        }
        var request = new CommandRequest(chat, kind, interaction.UserId, settings.Language, command, arguments,
            _ => Task.FromResult(MaySetUp(interaction)), time.GetUtcNow());
        var result = await dispatcher.DispatchAsync(request, cancellationToken).ConfigureAwait(false);
        if (result.Throttled)
        {
            return new Produced([], result.Replies.Count > 0 ? result.Replies[0].Report.Title : null);
        }
        return new Produced(result.Replies.SelectMany(r => renderer.Render(r.Report, r.Image)).ToList(), null);
    }

    private async Task StaleButtonAsync(DiscordInteraction interaction, string command, CancellationToken cancellationToken)
    {
        logger.LogInformation("Discord button for unknown command {Command} answered as stale", command);
        var chat = new ChatAddress(ChatPlatform.Discord, interaction.ChannelId);
        Language language;
        try
        {
            // The chat's own language; the clicker's locale when the registry cannot say.
            language = (await registry.GetOrCreateAsync(chat, LanguageExtensions.TryParse(interaction.Locale, out var l) ? l : null, cancellationToken).ConfigureAwait(false)).Language;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Reading the language of {Chat} failed", chat);
            language = LanguageExtensions.TryParse(interaction.Locale, out var l) ? l : Language.En;
        }
        var payload = new JsonObject
        {
            ["type"] = ChannelMessageWithSource,
            ["data"] = new JsonObject { ["content"] = localizer.Get(language, "discord.staleButton"), ["flags"] = Ephemeral },
        };
        await rest.SendAsync(Callback(interaction), payload, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>DMs belong to the user; in a guild the member needs ADMINISTRATOR, MANAGE_GUILD or MANAGE_CHANNELS here.</summary>
    internal static bool MaySetUp(DiscordInteraction interaction) =>
        !interaction.InGuild || ((interaction.MemberPermissions ?? 0) & SettingsPermissions) != 0;

    private static DiscordRoute Callback(DiscordInteraction interaction) =>
        DiscordRoute.InteractionCallback(interaction.Id, interaction.Token);

    private async Task TryAsync(Func<Task> action)
    {
        try
        {
            await action().ConfigureAwait(false);
        }
        catch (DiscordApiException ex)
        {
            logger.LogWarning(ex, "Discord cleanup call failed");
        }
    }

    private Task Track(Task task)
    {
        _running.TryAdd(task, 0);
        _ = task.ContinueWith(t => _running.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return task;
    }
}
