using System.Text.Json.Serialization;

namespace DerivBot.Venues.Deribit;

// The JSON-RPC envelope (apis.md B.4): every reply may carry an error object instead of its result.

/// <summary>The envelope fields every reply shares.</summary>
internal abstract class DeribitEnvelope
{
    public DeribitErrorDto? Error { get; init; }

    /// <summary>Server send time, microseconds since the epoch.</summary>
    [JsonPropertyName("usOut")]
    public long? UsOut { get; init; }
}

/// <summary>A JSON-RPC error object.</summary>
internal sealed class DeribitErrorDto
{
    public long? Code { get; init; }
    public string? Message { get; init; }
}

/// <summary>A reply read only for its error (the body of a failed request).</summary>
internal sealed class DeribitErrorResponse : DeribitEnvelope;
