using Microsoft.Extensions.Options;

namespace DerivBot.Application.Venues;

/// <summary>
/// What the cross-venue aggregation reads from section <c>Venues</c>. The venues area binds the same section to its own
/// options (enabled venues, primary order); this class reads only the keys the aggregation needs, so either side can
/// change without the other.
/// </summary>
public sealed class VenueAggregationOptions
{
    public const string Section = "Venues";

    /// <summary>
    /// The longest one venue may take to answer (<c>Venues:RequestTimeout</c>, default 00:00:05). A venue that takes
    /// longer is reported missing ("did not answer in time") and the others answer: an unreachable venue costs a reply
    /// at most this long.
    /// </summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>Validates <see cref="VenueAggregationOptions"/> with a message naming the key.</summary>
internal sealed class VenueAggregationOptionsValidator : IValidateOptions<VenueAggregationOptions>
{
    public ValidateOptionsResult Validate(string? name, VenueAggregationOptions options) =>
        options.RequestTimeout > TimeSpan.Zero && options.RequestTimeout <= TimeSpan.FromMinutes(1)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Venues:RequestTimeout must be > 00:00:00 and ≤ 00:01:00 (was {options.RequestTimeout}).");
}
