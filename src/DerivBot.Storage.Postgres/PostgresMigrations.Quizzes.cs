namespace DerivBot.Storage.Postgres;

/// <summary>Schema steps for quizzes, their posts and answers (the ordered list is in <c>PostgresMigrations.cs</c>).</summary>
internal static partial class PostgresMigrations
{
    // 6: quizzes, where they were posted, and the answers (chats named by platform and id).
    private const string Quizzes = """
        CREATE TABLE quizzes (
            id text PRIMARY KEY,
            symbol text NOT NULL,
            kind text NOT NULL,
            language text NOT NULL,
            question text NOT NULL,
            options_json text NOT NULL,
            correct_option integer NOT NULL,
            explanation text NOT NULL,
            created_at bigint NOT NULL);
        CREATE TABLE quiz_posts (
            quiz_id text NOT NULL REFERENCES quizzes(id) ON DELETE CASCADE,
            platform text NOT NULL,
            chat_id text NOT NULL,
            thread_id text NOT NULL DEFAULT '',
            poll_id text,
            posted_at bigint NOT NULL,
            closes_at bigint NOT NULL,
            revealed_at bigint,
            PRIMARY KEY (quiz_id, platform, chat_id, thread_id));
        CREATE UNIQUE INDEX ix_quiz_posts_poll ON quiz_posts(poll_id) WHERE poll_id IS NOT NULL;
        CREATE INDEX ix_quiz_posts_unrevealed ON quiz_posts(platform, closes_at) WHERE revealed_at IS NULL;
        CREATE TABLE quiz_answers (
            quiz_id text NOT NULL REFERENCES quizzes(id) ON DELETE CASCADE,
            platform text NOT NULL,
            chat_id text NOT NULL,
            user_id text NOT NULL,
            display_name text NOT NULL,
            option integer NOT NULL,
            correct boolean NOT NULL,
            answered_at bigint NOT NULL,
            PRIMARY KEY (quiz_id, platform, chat_id, user_id));
        CREATE INDEX ix_quiz_answers_chat ON quiz_answers(platform, chat_id, answered_at);
        """;
}
