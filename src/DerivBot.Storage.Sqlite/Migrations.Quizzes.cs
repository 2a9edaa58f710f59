namespace DerivBot.Storage;

/// <summary>Schema steps for quizzes, their posts and answers (the ordered list is in <c>Migrations.cs</c>).</summary>
internal static partial class Migrations
{
    // 6: quizzes (study-group mode), where they were posted, and the answers. Self-contained: chats are named by
    // platform and id, not by chats.id, so this step does not depend on the order other steps are merged in.
    private const string Quizzes = """
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
        """;
}
