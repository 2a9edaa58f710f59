using Microsoft.Data.Sqlite;

namespace DerivBot.Storage;

/// <summary>
/// The schema as an ordered list of steps; step N takes the database from version N − 1 to N. Each step runs in its own
/// transaction together with the <c>schema_version</c> update, so a crash mid-migration leaves the previous version.
/// Never edit a released step: add a new one.
/// </summary>
internal static class Migrations
{
    private static readonly string[] Steps =
    [
        // 1: chats, subscriptions, alert rules.
        """
        CREATE TABLE chats (
            id INTEGER PRIMARY KEY,
            platform TEXT NOT NULL,
            chat_id TEXT NOT NULL,
            thread_id TEXT NOT NULL DEFAULT '',
            language TEXT NOT NULL DEFAULT 'en',
            time_zone TEXT NOT NULL DEFAULT 'UTC',
            active INTEGER NOT NULL DEFAULT 1,
            inactive_reason TEXT,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            UNIQUE (platform, chat_id, thread_id));
        CREATE TABLE subscriptions (
            id INTEGER PRIMARY KEY,
            chat_key INTEGER NOT NULL REFERENCES chats(id) ON DELETE CASCADE,
            symbol TEXT NOT NULL,
            kind INTEGER NOT NULL,
            schedule TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            next_due_at INTEGER NOT NULL,
            last_fired_at INTEGER,
            UNIQUE (chat_key, symbol, kind, schedule));
        CREATE INDEX ix_subscriptions_due ON subscriptions(next_due_at);
        CREATE TABLE alert_rules (
            id INTEGER PRIMARY KEY,
            chat_key INTEGER NOT NULL REFERENCES chats(id) ON DELETE CASCADE,
            symbol TEXT NOT NULL,
            metric INTEGER NOT NULL,
            direction INTEGER NOT NULL,
            threshold TEXT NOT NULL,
            window_seconds INTEGER,
            state INTEGER,
            cooldown_seconds INTEGER NOT NULL,
            repeat INTEGER NOT NULL,
            armed INTEGER NOT NULL DEFAULT 1,
            enabled INTEGER NOT NULL DEFAULT 1,
            created_at INTEGER NOT NULL,
            last_fired_at INTEGER);
        CREATE INDEX ix_alert_rules_symbol ON alert_rules(symbol, enabled);
        CREATE INDEX ix_alert_rules_chat ON alert_rules(chat_key);
        """,
        // 2: quiet hours, mutes, the outbox, held alerts.
        """
        ALTER TABLE chats ADD COLUMN quiet_start TEXT;
        ALTER TABLE chats ADD COLUMN quiet_end TEXT;
        CREATE TABLE mutes (
            chat_key INTEGER NOT NULL REFERENCES chats(id) ON DELETE CASCADE,
            symbol TEXT NOT NULL DEFAULT '',
            until INTEGER NOT NULL,
            PRIMARY KEY (chat_key, symbol));
        CREATE TABLE outbox (
            id INTEGER PRIMARY KEY,
            chat_key INTEGER NOT NULL REFERENCES chats(id),
            kind INTEGER NOT NULL,
            idempotency_key TEXT NOT NULL UNIQUE,
            report_json TEXT NOT NULL,
            image_name TEXT,
            image_png BLOB,
            image_alt TEXT,
            silent INTEGER NOT NULL DEFAULT 0,
            status INTEGER NOT NULL DEFAULT 0,
            status_reason TEXT,
            attempts INTEGER NOT NULL DEFAULT 0,
            created_at INTEGER NOT NULL,
            next_attempt_at INTEGER NOT NULL,
            finished_at INTEGER);
        CREATE INDEX ix_outbox_pending ON outbox(status, next_attempt_at, id);
        CREATE INDEX ix_outbox_chat_kind ON outbox(chat_key, kind, created_at);
        CREATE TABLE held_alerts (
            id INTEGER PRIMARY KEY,
            chat_key INTEGER NOT NULL REFERENCES chats(id) ON DELETE CASCADE,
            rule_id INTEGER,
            reason TEXT NOT NULL,
            text TEXT NOT NULL,
            held_at INTEGER NOT NULL,
            release_at INTEGER NOT NULL);
        CREATE INDEX ix_held_alerts_chat ON held_alerts(chat_key, release_at);
        """,
        // 3: the bot's own market history (decimals as invariant text, times as Unix milliseconds).
        """
        CREATE TABLE history_funding (
            venue TEXT NOT NULL, symbol TEXT NOT NULL, time INTEGER NOT NULL,
            rate TEXT NOT NULL, mark_price TEXT,
            PRIMARY KEY (venue, symbol, time)) WITHOUT ROWID;
        CREATE TABLE history_open_interest (
            venue TEXT NOT NULL, symbol TEXT NOT NULL, time INTEGER NOT NULL,
            contracts TEXT NOT NULL, value_usd TEXT NOT NULL,
            PRIMARY KEY (venue, symbol, time)) WITHOUT ROWID;
        CREATE TABLE history_long_short (
            venue TEXT NOT NULL, symbol TEXT NOT NULL, time INTEGER NOT NULL,
            ratio TEXT NOT NULL, long_share TEXT NOT NULL, short_share TEXT NOT NULL,
            PRIMARY KEY (venue, symbol, time)) WITHOUT ROWID;
        """,
        // 4: options positioning history per venue and coin (issue #12); ratios and IV as invariant text, NULL when undefined.
        """
        CREATE TABLE history_options (
            venue TEXT NOT NULL, asset TEXT NOT NULL, time INTEGER NOT NULL,
            put_call_oi TEXT, put_call_volume TEXT, call_oi_share TEXT, atm_iv TEXT, underlying_price TEXT,
            PRIMARY KEY (venue, asset, time)) WITHOUT ROWID;
        """,
        // 5: the parallel drainer reads each chat's oldest pending outbox row (per-chat order); digests that could not
        // be rendered are retried within their slot (the slot's due time and the failures so far), and a chat hears
        // about a skipped digest once per outage.
        """
        CREATE INDEX ix_outbox_chat_pending ON outbox(chat_key, status, id);
        ALTER TABLE subscriptions ADD COLUMN retry_slot_at INTEGER;
        ALTER TABLE subscriptions ADD COLUMN retry_failures INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE chats ADD COLUMN digest_outage_noticed INTEGER NOT NULL DEFAULT 0;
        """,
        // 6: quizzes (study-group mode), where they were posted, and the answers. Self-contained: chats are named by
        // platform and id, not by chats.id, so this step does not depend on the order other steps are merged in.
        """
        CREATE TABLE quizzes (
            id TEXT PRIMARY KEY,
            symbol TEXT NOT NULL,
            kind TEXT NOT NULL,
            language TEXT NOT NULL,
            question TEXT NOT NULL,
            options_json TEXT NOT NULL,
            correct_option INTEGER NOT NULL,
            explanation TEXT NOT NULL,
            created_at INTEGER NOT NULL);
        CREATE TABLE quiz_posts (
            quiz_id TEXT NOT NULL REFERENCES quizzes(id) ON DELETE CASCADE,
            platform TEXT NOT NULL,
            chat_id TEXT NOT NULL,
            thread_id TEXT NOT NULL DEFAULT '',
            poll_id TEXT,
            posted_at INTEGER NOT NULL,
            closes_at INTEGER NOT NULL,
            revealed_at INTEGER,
            PRIMARY KEY (quiz_id, platform, chat_id, thread_id));
        CREATE UNIQUE INDEX ix_quiz_posts_poll ON quiz_posts(poll_id) WHERE poll_id IS NOT NULL;
        CREATE INDEX ix_quiz_posts_unrevealed ON quiz_posts(platform, closes_at) WHERE revealed_at IS NULL;
        CREATE TABLE quiz_answers (
            quiz_id TEXT NOT NULL REFERENCES quizzes(id) ON DELETE CASCADE,
            platform TEXT NOT NULL,
            chat_id TEXT NOT NULL,
            user_id TEXT NOT NULL,
            display_name TEXT NOT NULL,
            option INTEGER NOT NULL,
            correct INTEGER NOT NULL,
            answered_at INTEGER NOT NULL,
            PRIMARY KEY (quiz_id, platform, chat_id, user_id));
        CREATE INDEX ix_quiz_answers_chat ON quiz_answers(platform, chat_id, answered_at);
        """,
        // 7: the heatmap check's sweeps (modelled vs realised), stored once each when the refresh cycle detects them,
        // and since when each symbol has been checked (the calibration's real coverage). Self-contained.
        """
        CREATE TABLE liquidation_sweeps (
            venue TEXT NOT NULL,
            symbol TEXT NOT NULL,
            side TEXT NOT NULL,
            band_low TEXT NOT NULL,
            band_high TEXT NOT NULL,
            estimated_usd TEXT NOT NULL,
            realised_usd TEXT NOT NULL,
            realised_count INTEGER NOT NULL,
            entered_at INTEGER NOT NULL,
            crossed_at INTEGER NOT NULL,
            realised_venues TEXT NOT NULL,
            UNIQUE (venue, symbol, side, entered_at, band_low));
        CREATE INDEX ix_liquidation_sweeps_crossed ON liquidation_sweeps(venue, symbol, crossed_at);
        CREATE TABLE liquidation_sweep_coverage (
            venue TEXT NOT NULL,
            symbol TEXT NOT NULL,
            checked_since INTEGER NOT NULL,
            PRIMARY KEY (venue, symbol)) WITHOUT ROWID;
        """,
        // 8: outbox claims with a lease (issue #14): who holds a pending row and until when (Unix milliseconds); the
        // drainer claims chat heads instead of peeking, and its result clears the claim.
        """
        ALTER TABLE outbox ADD COLUMN claimed_by TEXT;
        ALTER TABLE outbox ADD COLUMN claimed_until INTEGER;
        """,
        // 9: named cursors shared by the instances (Telegram's last handled update_id), only ever moved forward.
        """
        CREATE TABLE shared_cursors (
            name TEXT PRIMARY KEY,
            value INTEGER NOT NULL) WITHOUT ROWID;
        """,
    ];

    public static int Latest => Steps.Length;

    /// <summary>Applies steps up to <paramref name="targetVersion"/> (default: latest). Returns (from, to).</summary>
    public static (int From, int To) Apply(SqliteConnection connection, int? targetVersion = null)
    {
        var target = targetVersion ?? Latest;
        if (target < 0 || target > Latest)
        {
            throw new ArgumentOutOfRangeException(nameof(targetVersion), $"Schema versions are 0–{Latest}.");
        }
        using (var wal = connection.CreateCommand())
        {
            // WAL is a property of the file: set once, it persists.
            wal.CommandText = "PRAGMA journal_mode = WAL; CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL); ";
            wal.ExecuteNonQuery();
        }
        var from = CurrentVersion(connection);
        if (from > Latest)
        {
            throw new InvalidOperationException($"The database is at schema version {from}, newer than this build knows ({Latest}). Upgrade the bot.");
        }
        for (var version = from + 1; version <= target; version++)
        {
            using var tx = connection.BeginTransaction();
            // Re-read under the write lock (BEGIN IMMEDIATE): another process opening the same file at the same
            // moment may have applied this step already.
            if (CurrentVersion(connection, tx) >= version)
            {
                continue;
            }
            using (var step = connection.CreateCommand())
            {
                step.Transaction = tx;
                step.CommandText = Steps[version - 1];
                step.ExecuteNonQuery();
            }
            using (var mark = connection.CreateCommand())
            {
                mark.Transaction = tx;
                mark.CommandText = "DELETE FROM schema_version; INSERT INTO schema_version (version) VALUES ($v);";
                mark.Parameters.AddWithValue("$v", version);
                mark.ExecuteNonQuery();
            }
            tx.Commit();
        }
        return (from, Math.Max(from, target));
    }

    public static int CurrentVersion(SqliteConnection connection, SqliteTransaction? transaction = null)
    {
        using var cmd = connection.CreateCommand();
        cmd.Transaction = transaction;
        cmd.CommandText = "SELECT version FROM schema_version LIMIT 1";
        return cmd.ExecuteScalar() is long v ? (int)v : 0;
    }
}
