using System.Data.Common;
using DerivBot.Application.Alerts;
using DerivBot.Application.Outbox;
using DerivBot.Application.Study;
using DerivBot.Application.Subscriptions;
using DerivBot.Core.Chat;
using DerivBot.Core.Localization;
using DerivBot.Core.Markets;
using DerivBot.Core.OptionChains;

namespace DerivBot.Application.Persistence;

/// <summary>
/// The port methods the SQLite and PostgreSQL stores implement the same way, written once over the store's
/// <see cref="StoreDialect"/>: the shared transaction flows (<see cref="ChatFlows"/>, <see cref="MuteFlows"/>,
/// <see cref="SubscriptionFlows"/>, <see cref="AlertFlows"/>, <see cref="DigestFlows"/>, <see cref="AlertFiringFlow"/>, <see cref="OutboxFlows"/>) and the dialect-neutral
/// statements. What each database does its own way (claims, batch completion, history writes, …) stays in the store.
/// </summary>
public abstract class RelationalStore
{
    private readonly StoreDialect _shared;

    protected RelationalStore(StoreDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        _shared = dialect;
    }

    /// <summary>The store's dialect, for the flows it runs itself.</summary>
    protected StoreDialect Dialect => _shared;

    // Chats (IChatRegistry)
    public Task<ChatSettings> GetOrCreateAsync(ChatAddress chat, Language? languageHint, CancellationToken cancellationToken) =>
        ChatFlows.GetOrCreateAsync(_shared, chat, languageHint, cancellationToken);

    public Task<ChatSettings?> GetChatAsync(ChatAddress chat, CancellationToken cancellationToken) => ChatFlows.GetAsync(_shared, chat, cancellationToken);

    public Task MarkInactiveAsync(ChatAddress chat, string reason, CancellationToken cancellationToken) =>
        ChatFlows.MarkInactiveAsync(_shared, chat, reason, cancellationToken);

    public Task MarkActiveAsync(ChatAddress chat, CancellationToken cancellationToken) => ChatFlows.MarkActiveAsync(_shared, chat, cancellationToken);

    public Task SetLanguageAsync(ChatAddress chat, Language language, CancellationToken cancellationToken) =>
        ChatFlows.SetLanguageAsync(_shared, chat, language, cancellationToken);

    public Task SetQuietHoursAsync(ChatAddress chat, TimeOnly? start, TimeOnly? end, CancellationToken cancellationToken) =>
        ChatFlows.SetQuietHoursAsync(_shared, chat, start, end, cancellationToken);

    public Task MigrateAsync(ChatAddress from, ChatAddress to, CancellationToken cancellationToken) =>
        ChatFlows.MigrateAsync(_shared, from, to, cancellationToken);

    // Mutes (ISubscriptionStore)
    public Task MuteAsync(ChatAddress chat, Symbol? symbol, DateTimeOffset until, CancellationToken cancellationToken) =>
        MuteFlows.MuteAsync(_shared, chat, symbol, until, cancellationToken);

    public Task<int> UnmuteAsync(ChatAddress chat, Symbol? symbol, CancellationToken cancellationToken) =>
        MuteFlows.UnmuteAsync(_shared, chat, symbol, cancellationToken);

    public Task<IReadOnlyList<Mute>> ListMutesAsync(ChatAddress chat, DateTimeOffset now, CancellationToken cancellationToken) =>
        MuteFlows.ListAsync(_shared, chat, now, cancellationToken);

    // Subscriptions (ISubscriptionStore)
    public Task SetTimeZoneAsync(ChatAddress chat, string timeZone, Func<Subscription, DateTimeOffset> nextDue, CancellationToken cancellationToken) =>
        SubscriptionFlows.SetTimeZoneAsync(_shared, chat, timeZone, nextDue, cancellationToken);

    public Task<AddOutcome<Subscription>> AddSubscriptionsAsync(ChatAddress chat, IReadOnlyList<NewSubscription> subscriptions, int limit, CancellationToken cancellationToken) =>
        SubscriptionFlows.AddAsync(_shared, chat, subscriptions, limit, cancellationToken);

    public Task<IReadOnlyList<Subscription>> ListSubscriptionsAsync(ChatAddress chat, CancellationToken cancellationToken) =>
        SubscriptionFlows.ListAsync(_shared, chat, cancellationToken);

    public Task<int> RemoveSubscriptionsAsync(ChatAddress chat, RemovalTarget target, CancellationToken cancellationToken) =>
        RemoveAsync("subscriptions", chat, target, cancellationToken);

    public Task<IReadOnlyList<Symbol>> GetWatchedSymbolsAsync(CancellationToken cancellationToken) =>
        SubscriptionFlows.WatchedSymbolsAsync(_shared, cancellationToken);

    /// <summary>Deletes the chat's rows of <paramref name="table"/> (subscriptions, alert_rules) that <paramref name="target"/> names.</summary>
    protected Task<int> RemoveAsync(string table, ChatAddress chat, RemovalTarget target, CancellationToken cancellationToken) =>
        SubscriptionFlows.RemoveAsync(_shared, table, chat, target, cancellationToken);

    // Digests (ISubscriptionStore)
    public Task<DateTimeOffset?> GetEarliestDueAsync(CancellationToken cancellationToken) =>
        _shared.WithConnectionAsync(c => SubscriptionStatements.GetEarliestDueAsync(c, cancellationToken), cancellationToken);

    public Task<IReadOnlyList<DueSubscription>> GetDueSubscriptionsAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        _shared.WithConnectionAsync(c => SubscriptionStatements.GetDueAsync(c, now, cancellationToken), cancellationToken);

    public Task<int> RecordDigestsAsync(IReadOnlyList<DigestDelivery> deliveries, CancellationToken cancellationToken) =>
        DigestFlows.RecordAsync(_shared, deliveries, cancellationToken);

    public Task PostponeAsync(long subscriptionId, DateTimeOffset nextDueAt, CancellationToken cancellationToken) =>
        _shared.WithConnectionAsync(c => SubscriptionStatements.SetNextDueAsync(c, null, subscriptionId, nextDueAt, cancellationToken), cancellationToken);

    public Task PostponeDigestAsync(long subscriptionId, DateTimeOffset slotDueAt, DateTimeOffset retryAt, CancellationToken cancellationToken) =>
        _shared.WithConnectionAsync(c => SubscriptionStatements.PostponeDigestAsync(c, subscriptionId, slotDueAt, retryAt, cancellationToken), cancellationToken);

    public Task<bool> SkipDigestAsync(DigestSkip skip, CancellationToken cancellationToken) =>
        DigestFlows.SkipAsync(_shared, skip, cancellationToken);

    // Alert rules (IAlertStore; re-arming is the store's)
    public Task<AddOutcome<AlertRule>> AddAlertAsync(ChatAddress chat, NewAlertRule rule, int limit, DateTimeOffset now, CancellationToken cancellationToken) =>
        AlertFlows.AddAsync(_shared, chat, rule, limit, now, cancellationToken);

    public Task<IReadOnlyList<AlertRule>> ListAlertsAsync(ChatAddress chat, CancellationToken cancellationToken) =>
        AlertFlows.ListAsync(_shared, chat, cancellationToken);

    public Task<int> RemoveAlertsAsync(ChatAddress chat, RemovalTarget target, CancellationToken cancellationToken) =>
        RemoveAsync("alert_rules", chat, target, cancellationToken);

    public Task<IReadOnlyList<WatchedRule>> GetRulesForSymbolAsync(Symbol symbol, DateTimeOffset now, CancellationToken cancellationToken) =>
        AlertFlows.ForSymbolAsync(_shared, symbol, now, cancellationToken);

    public Task SuppressAsync(long ruleId, DateTimeOffset firedAt, CancellationToken cancellationToken) =>
        AlertFlows.SuppressAsync(_shared, ruleId, firedAt, cancellationToken);

    // Alert firing (IAlertStore)
    public Task<AlertFiringOutcome> RecordFiringAsync(AlertFiring firing, CancellationToken cancellationToken) =>
        AlertFiringFlow.RecordAsync(_shared, firing, cancellationToken);

    // Outbox (IOutboxStore)
    public Task<bool> EnqueueAsync(OutboxDraft draft, DateTimeOffset now, CancellationToken cancellationToken) =>
        OutboxFlows.EnqueueAsync(_shared, draft, now, cancellationToken);

    public Task<OutboxItem?> PeekNextAsync(ChatPlatform platform, DateTimeOffset now, CancellationToken cancellationToken) =>
        _shared.WithConnectionAsync(c => OutboxStatements.PeekNextAsync(c, platform, now, cancellationToken), cancellationToken);

    public Task<DateTimeOffset?> GetNextAttemptAsync(ChatPlatform platform, CancellationToken cancellationToken) =>
        OutboxFlows.NextAttemptAsync(_shared, platform, cancellationToken);

    public Task MarkSentAsync(long id, DateTimeOffset sentAt, CancellationToken cancellationToken) =>
        OutboxFlows.FinishAsync(_shared, id, OutboxRowStatus.Sent, null, sentAt, cancellationToken);

    public Task MarkDroppedAsync(long id, string reason, DateTimeOffset at, CancellationToken cancellationToken) =>
        OutboxFlows.FinishAsync(_shared, id, OutboxRowStatus.Dropped, reason, at, cancellationToken);

    public Task RescheduleAsync(long id, DateTimeOffset nextAttemptAt, string reason, CancellationToken cancellationToken) =>
        _shared.WithConnectionAsync(c => OutboxStatements.RescheduleAsync(c, id, nextAttemptAt, reason, cancellationToken), cancellationToken);

    public Task<OutboxStats> GetStatsAsync(CancellationToken cancellationToken) =>
        _shared.WithConnectionAsync(c => OutboxStatements.GetStatsAsync(c, cancellationToken), cancellationToken);

    /// <summary>Why dropped messages were dropped, oldest first (for tests and operators).</summary>
    public Task<IReadOnlyList<(string IdempotencyKey, string Reason)>> GetDropReasonsAsync(CancellationToken cancellationToken) =>
        _shared.WithConnectionAsync(c => OutboxStatements.GetDropReasonsAsync(c, cancellationToken), cancellationToken);

    public Task<int> PruneAsync(DateTimeOffset before, CancellationToken cancellationToken) =>
        _shared.WithConnectionAsync(c => OutboxStatements.PruneAsync(c, before, cancellationToken), cancellationToken);

    // Shared cursors (ISharedCursorStore)
    public async Task<long?> GetAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        await using var c = await _shared.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await c.ScalarAsync(null, "SELECT value FROM shared_cursors WHERE name = @name", cancellationToken, ("name", name)).ConfigureAwait(false) as long?;
    }

    public async Task AdvanceAsync(string name, long value, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        await using var c = await _shared.OpenAsync(cancellationToken).ConfigureAwait(false);
        // One statement: two instances advancing at once both end at the larger value.
        await c.ExecuteAsync(null, $"""
            INSERT INTO shared_cursors (name, value) VALUES (@name, @value)
            ON CONFLICT (name) DO UPDATE SET value = {_shared.Greatest}(shared_cursors.value, excluded.value)
            """, cancellationToken, ("name", name), ("value", value)).ConfigureAwait(false);
    }

    // Quizzes and options history: the inserts that skip a row already there
    public async Task SaveQuizAsync(StoredQuiz quiz, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(quiz);
        await using var c = await _shared.OpenAsync(cancellationToken).ConfigureAwait(false);
        await c.ExecuteAsync(null, $"""
            {_shared.InsertIgnoring} INTO quizzes (id, symbol, kind, language, question, options_json, correct_option, explanation, created_at)
            VALUES (@id, @symbol, @kind, @lang, @question, @options, @correct, @explanation, @created)
            {_shared.OnConflictIgnore}
            """, cancellationToken,
            ("id", quiz.Id), ("symbol", quiz.Symbol), ("kind", quiz.Kind.ToString()), ("lang", quiz.Language.ToCode()),
            ("question", quiz.Question), ("options", QuizRows.OptionsJson(quiz)), ("correct", quiz.CorrectOption),
            ("explanation", quiz.Explanation), ("created", DbValues.Ms(quiz.CreatedAt))).ConfigureAwait(false);
    }

    public async Task RecordPostAsync(string quizId, ChatAddress chat, string? pollId, DateTimeOffset postedAt, DateTimeOffset closesAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chat);
        await using var c = await _shared.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = c.Command(null, $"""
            {_shared.InsertIgnoring} INTO quiz_posts (quiz_id, platform, chat_id, thread_id, poll_id, posted_at, closes_at)
            SELECT @quiz, @platform, @chat, @thread, @poll, @posted, @closes WHERE EXISTS (SELECT 1 FROM quizzes WHERE id = @quiz)
            {_shared.OnConflictIgnore}
            """,
            ("quiz", quizId), ("platform", DbValues.Platform(chat.Platform)), ("chat", chat.ChatId), ("thread", DbValues.Thread(chat)),
            ("posted", DbValues.Ms(postedAt)), ("closes", DbValues.Ms(closesAt)));
        cmd.Parameters.Add(_shared.NullableText("poll", pollId));
        await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task RecordOptionsAsync(string venue, string asset, OptionsHistoryPoint point, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(venue);
        ArgumentException.ThrowIfNullOrWhiteSpace(asset);
        ArgumentNullException.ThrowIfNull(point);
        await using var c = await _shared.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = c.Command(null,
            $"{_shared.InsertIgnoring} INTO history_options (venue, asset, time, put_call_oi, put_call_volume, call_oi_share, atm_iv, underlying_price) VALUES (@v, @a, @t, @pc, @pv, @cs, @iv, @u) {_shared.OnConflictIgnore}",
            ("v", venue), ("a", asset), ("t", DbValues.Ms(point.Time)));
        cmd.Parameters.Add(_shared.NullableDecimal("pc", point.PutCallOiRatio));
        cmd.Parameters.Add(_shared.NullableDecimal("pv", point.PutCallVolumeRatio));
        cmd.Parameters.Add(_shared.NullableDecimal("cs", point.CallOiShare));
        cmd.Parameters.Add(_shared.NullableDecimal("iv", point.AtmIv));
        cmd.Parameters.Add(_shared.NullableDecimal("u", point.UnderlyingPrice));
        await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    // Reads and prunes of held alerts, options history, quizzes and sweeps (dialect-neutral statements)
    public Task<IReadOnlyList<HeldAlertBatch>> GetReleasableHeldAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        _shared.WithConnectionAsync(c => AlertStatements.GetReleasableHeldAsync(c, now, cancellationToken), cancellationToken);

    public Task<IReadOnlyList<OptionsHistoryPoint>> GetOptionsAsync(string venue, string asset, DateTimeOffset since, CancellationToken cancellationToken) =>
        _shared.WithConnectionAsync(c => HistoryStatements.ReadOptionsAsync(c, venue, asset, since, _shared.ReadDecimal, cancellationToken), cancellationToken);

    public Task<int> PruneOptionsAsync(DateTimeOffset before, CancellationToken cancellationToken) =>
        _shared.WithConnectionAsync(c => HistoryStatements.PruneOptionsAsync(c, before, cancellationToken), cancellationToken);

    public Task<QuizPost?> GetPostAsync(string quizId, ChatAddress chat, CancellationToken cancellationToken) =>
        _shared.WithConnectionAsync(c => QuizStatements.GetPostAsync(c, quizId, chat, cancellationToken), cancellationToken);

    public Task<QuizPost?> GetPostByPollAsync(string pollId, CancellationToken cancellationToken) =>
        _shared.WithConnectionAsync(c => QuizStatements.GetPostByPollAsync(c, pollId, cancellationToken), cancellationToken);

    public Task<IReadOnlyList<QuizPost>> GetUnrevealedAsync(ChatPlatform platform, DateTimeOffset now, int max, CancellationToken cancellationToken) =>
        _shared.WithConnectionAsync(c => QuizStatements.GetUnrevealedAsync(c, platform, now, max, cancellationToken), cancellationToken);

    public Task MarkRevealedAsync(string quizId, ChatAddress chat, DateTimeOffset at, CancellationToken cancellationToken) =>
        _shared.WithConnectionAsync(c => QuizStatements.MarkRevealedAsync(c, quizId, chat, at, cancellationToken), cancellationToken);

    public Task<IReadOnlyList<StoredSweep>> GetSweepsAsync(string venue, Symbol symbol, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        _shared.WithConnectionAsync(c => SweepStatements.GetAsync(c, venue, symbol, from, to, _shared.ReadDecimal, cancellationToken), cancellationToken);

    public Task<DateTimeOffset?> GetCheckedSinceAsync(string venue, Symbol symbol, CancellationToken cancellationToken) =>
        _shared.WithConnectionAsync(c => SweepStatements.GetCheckedSinceAsync(c, venue, symbol, cancellationToken), cancellationToken);

    public Task<int> PruneSweepsAsync(DateTimeOffset before, CancellationToken cancellationToken) =>
        _shared.WithConnectionAsync(c => SweepStatements.PruneAsync(c, before, cancellationToken), cancellationToken);

    // Market history reads (IMarketHistoryStore; its PruneAsync, which also prunes sweeps, is the store's)
    public Task<IReadOnlyList<FundingRatePoint>> GetFundingAsync(string venue, Symbol symbol, DateTimeOffset since, CancellationToken cancellationToken) =>
        ReadSeriesAsync(HistoryRows.FundingSelect, venue, symbol, since, r => HistoryRows.Funding(r, _shared.ReadDecimal), cancellationToken);

    public Task<IReadOnlyList<OpenInterestPoint>> GetOpenInterestAsync(string venue, Symbol symbol, DateTimeOffset since, CancellationToken cancellationToken) =>
        ReadSeriesAsync(HistoryRows.OpenInterestSelect, venue, symbol, since, r => HistoryRows.OpenInterest(r, _shared.ReadDecimal), cancellationToken);

    public Task<IReadOnlyList<RatioPoint>> GetLongShortAsync(string venue, Symbol symbol, DateTimeOffset since, CancellationToken cancellationToken) =>
        ReadSeriesAsync(HistoryRows.LongShortSelect, venue, symbol, since, r => HistoryRows.LongShort(r, _shared.ReadDecimal), cancellationToken);

    /// <summary>Market history rows older than <paramref name="before"/> deleted; how many.</summary>
    protected Task<int> PruneHistoryAsync(DateTimeOffset before, CancellationToken cancellationToken) =>
        _shared.WithConnectionAsync(c => HistoryStatements.PruneAsync(c, before, cancellationToken), cancellationToken);

    private Task<IReadOnlyList<T>> ReadSeriesAsync<T>(string select, string venue, Symbol symbol, DateTimeOffset since, Func<DbDataReader, T> read, CancellationToken ct) =>
        _shared.WithConnectionAsync(c => HistoryStatements.ReadSeriesAsync(c, select, venue, symbol, since, read, ct), ct);
}
