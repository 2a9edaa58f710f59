namespace DerivBot.Storage;

/// <summary>Schema steps for what several instances share: named cursors (the ordered list is in <c>Migrations.cs</c>).</summary>
internal static partial class Migrations
{
    // 9: named cursors shared by the instances (Telegram's last handled update_id), only ever moved forward.
    private const string SharedCursors = """
        CREATE TABLE shared_cursors (
            name TEXT PRIMARY KEY,
            value INTEGER NOT NULL) WITHOUT ROWID;
        """;
}
