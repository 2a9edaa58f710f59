using System.Text.Json;

namespace DerivBot.Venues.Http;

/// <summary>
/// A wire value of a usable JSON kind that is still not a usable number ("abc" where a decimal belongs). Thrown by the
/// wire converters (<see cref="WireDecimalConverter"/>, <see cref="WireInt64Converter"/>…); the serializer fills in
/// <see cref="JsonException.Path"/>, so the venue's parser can say which field of which endpoint was wrong.
/// </summary>
internal sealed class WireValueException(string problem) : JsonException(problem);
