namespace DerivBot.Application.Coordination;

/// <summary>
/// Named cursors shared by every instance on one database, which only ever move forward — e.g. Telegram's last
/// handled update_id, so the instance that takes over polling resumes where the previous holder confirmed instead of
/// handling again what it already answered.
/// </summary>
public interface ISharedCursorStore
{
    /// <summary>The cursor's value, or null when it was never set.</summary>
    Task<long?> GetAsync(string name, CancellationToken cancellationToken);

    /// <summary>
    /// Moves the cursor to <paramref name="value"/> when that is ahead of where it is (or it is unset); a smaller value
    /// is ignored, so a late writer (an old holder finishing its batch) never moves it back.
    /// </summary>
    Task AdvanceAsync(string name, long value, CancellationToken cancellationToken);
}
