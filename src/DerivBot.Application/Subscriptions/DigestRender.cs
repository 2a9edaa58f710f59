using DerivBot.Core.Chat;
using DerivBot.Core.Localization;
using DerivBot.Core.Markets;

namespace DerivBot.Application.Subscriptions;

/// <summary>Why a digest could not be rendered well (the digest is postponed, never broadcast as an error).</summary>
public enum DigestFailureKind
{
    /// <summary>The venue did not answer (down, rate limited, banned, timed out, bad response).</summary>
    VenueDown,
    /// <summary>The symbol is not loaded or not listed.</summary>
    SymbolUnavailable,
    /// <summary>The newest data is older than <see cref="JobsOptions.DigestMaxStaleness"/>.</summary>
    Stale,
    /// <summary>Anything else (the cause was logged).</summary>
    Failed,
}

/// <summary>Why rendering failed: <paramref name="Venue"/> when a venue is to blame, <paramref name="Age"/> for stale data.</summary>
public sealed record DigestFailure(DigestFailureKind Kind, string? Venue = null, TimeSpan? Age = null);

/// <summary>A rendered digest, or why there is none.</summary>
public sealed record DigestRender(CommandResult? Result, DigestFailure? Failure)
{
    public static DigestRender Of(CommandResult result) => new(result, null);

    public static DigestRender Fail(DigestFailure failure) => new(null, failure);
}

/// <summary>What to render: the query behind <paramref name="Kind"/> for <paramref name="Symbol"/>, in a language, as seen by one chat (its time zone).</summary>
public sealed record DigestRenderRequest(ChatAddress AnyChat, Symbol Symbol, DigestKind Kind, Language Language, DateTimeOffset Now);

/// <summary>Renders a digest and reports failure to its caller, never as a chat reply.</summary>
public interface IDigestRenderer
{
    Task<DigestRender> RenderAsync(DigestRenderRequest request, CancellationToken cancellationToken);
}
