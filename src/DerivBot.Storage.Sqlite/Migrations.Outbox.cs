namespace DerivBot.Storage;

/// <summary>Schema steps for quiet hours, mutes, the outbox, held alerts and outbox claims (the ordered list is in <c>Migrations.cs</c>).</summary>
internal static partial class Migrations
{
    // 2: quiet hours, mutes, the outbox, held alerts.
    private const string QuietHoursMutesOutboxHeldAlerts = """
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
        """;

    // 5: the parallel drainer reads each chat's oldest pending outbox row (per-chat order); digests that could not
    // be rendered are retried within their slot (the slot's due time and the failures so far), and a chat hears
    // about a skipped digest once per outage.
    private const string OutboxHeadsDigestRetries = """
        CREATE INDEX ix_outbox_chat_pending ON outbox(chat_key, status, id);
        ALTER TABLE subscriptions ADD COLUMN retry_slot_at INTEGER;
        ALTER TABLE subscriptions ADD COLUMN retry_failures INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE chats ADD COLUMN digest_outage_noticed INTEGER NOT NULL DEFAULT 0;
        """;

    // 8: outbox claims with a lease (issue #14): who holds a pending row and until when (Unix milliseconds); the
    // drainer claims chat heads instead of peeking, and its result clears the claim.
    private const string OutboxClaims = """
        ALTER TABLE outbox ADD COLUMN claimed_by TEXT;
        ALTER TABLE outbox ADD COLUMN claimed_until INTEGER;
        """;
}
