using System.Collections.Concurrent;
using BenchmarkDotNet.Attributes;
using DerivBot.Application.Outbox;
using DerivBot.Application.Subscriptions;
using DerivBot.Core.Chat;
using DerivBot.Core.Localization;
using DerivBot.Core.Markets;
using DerivBot.Core.Ports;
using DerivBot.Core.Reports;
using DerivBot.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DerivBot.Benchmarks.Subscriptions;

/// <summary>
/// 10,000 subscriptions over 50 symbols in three languages, all due at once: one digest run renders each distinct
/// (symbol, report, language) once (150 renders) and enqueues 10,000 outbox rows in batched transactions on a real
/// SQLite file. Sending is not measured: it is bounded by platform pacing.
/// </summary>
[MemoryDiagnoser]
public class DigestFanOutBenchmarks
{
    private const int SubscriptionCount = 10_000;
    private const int SymbolCount = 50;

    private string _dir = "";
    private SqliteDatabase _database = null!;
    private SqliteStore _store = null!;
    private CountingDispatcher _dispatcher = null!;
    private DigestService _digests = null!;
    private readonly Clock _clock = new(new DateTimeOffset(2025, 10, 10, 3, 0, 0, TimeSpan.Zero));
    private readonly DateTimeOffset _due = new(2025, 10, 10, 4, 0, 0, TimeSpan.Zero);

    [GlobalSetup]
    public void Setup()
    {
        _dir = Path.Combine(Path.GetTempPath(), "derivbot-bench", Guid.NewGuid().ToString("N"));
        _database = SqliteDatabase.ForFile(Path.Combine(_dir, "bench.db"));
        _store = new SqliteStore(_database, _clock);
        var languages = Enum.GetValues<Language>();
        for (var i = 0; i < SubscriptionCount; i++)
        {
            var chat = new ChatAddress(ChatPlatform.Telegram, i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            _store.GetOrCreateAsync(chat, languages[i % languages.Length], default).GetAwaiter().GetResult();
            _store.AddSubscriptionsAsync(chat, [new NewSubscription(new Symbol($"S{i % SymbolCount}USDT"), DigestKind.Quadrant, DigestSchedule.Every(TimeSpan.FromHours(4)), _due)], 50, default)
                .GetAwaiter().GetResult();
        }
        _dispatcher = new CountingDispatcher();
        var jobs = new Monitor<JobsOptions>(new JobsOptions());
        // The production renderer: a snapshot freshness check per render, then the query through the dispatcher.
        var renderer = new DigestRenderer(_dispatcher, new FreshMarket(_clock), jobs, _clock, NullLogger<DigestRenderer>.Instance);
        _digests = new DigestService(_store, renderer, new OutboxSignal(), jobs, _clock, NullLogger<DigestService>.Instance, new DerivBot.Application.Localization.ResxLocalizer());
        _clock.Now = _due.AddSeconds(10);
    }

    [IterationSetup]
    public void ResetDue()
    {
        using var c = _database.OpenAsync(default).GetAwaiter().GetResult();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "DELETE FROM outbox; UPDATE subscriptions SET next_due_at = $due, last_fired_at = NULL;";
        cmd.Parameters.AddWithValue("$due", _due.ToUnixTimeMilliseconds());
        cmd.ExecuteNonQuery();
        _dispatcher.Renders.Clear();
    }

    /// <summary>One due-time: 150 renders, 10,000 outbox rows.</summary>
    [Benchmark(OperationsPerInvoke = SubscriptionCount)]
    [InvocationCount(1)]
    public async Task<int> FanOutPerSubscription()
    {
        var result = await _digests.RunDueAsync(default);
        if (result.Enqueued != SubscriptionCount || result.Renders != SymbolCount * 3 || _dispatcher.Renders.Values.Any(n => n != 1))
        {
            throw new InvalidOperationException($"Unexpected run: {result}, {_dispatcher.Renders.Count} distinct renders");
        }
        return result.Enqueued;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _database.Dispose();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;
        public override DateTimeOffset GetUtcNow() => Now;
    }

    private sealed class Monitor<T>(T value) : IOptionsMonitor<T>
    {
        public T CurrentValue => value;
        public T Get(string? name) => value;
        public IDisposable? OnChange(Action<T, string?> listener) => null;
    }

    /// <summary>Every symbol's data is as of now (the store's cache after a refresh).</summary>
    private sealed class FreshMarket(TimeProvider clock) : IMarketData
    {
        public string VenueName => "bench";
        public Task<IReadOnlyList<PerpetualContract>> GetUniverseAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<PerpetualContract>>([]);
        public Task<MarketSnapshot> GetSnapshotAsync(Symbol symbol, CancellationToken cancellationToken) =>
            Task.FromResult(new MarketSnapshot { Venue = "bench", Symbol = symbol, DataTime = clock.GetUtcNow() });
    }

    private sealed class CountingDispatcher : ICommandDispatcher
    {
        public ConcurrentDictionary<(string, Language), int> Renders { get; } = new();
        public IReadOnlyList<CommandInfo> Commands => [];
        public bool IsKnown(string commandName) => true;

        public Task<CommandResult> DispatchAsync(CommandRequest request, CancellationToken cancellationToken)
        {
            Renders.AddOrUpdate((request.Arguments, request.Language), 1, (_, n) => n + 1);
            return Task.FromResult(CommandResult.Of(new Report(ReportKind.Quadrant, request.Arguments + " · quadrant",
                [ParagraphBlock.Of("Funding 0.0100% · OI +2.1% (4h)"), new FieldsBlock([new ReportField("State", "Long crowding")])])));
        }
    }
}
