namespace DerivBot.Storage;

/// <summary>Schema steps for chats, their digest subscriptions and alert rules (the ordered list is in <c>Migrations.cs</c>).</summary>
internal static partial class Migrations
{
    // 1: chats, subscriptions, alert rules.
    private const string ChatsSubscriptionsAlerts = """
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
        """;
}
