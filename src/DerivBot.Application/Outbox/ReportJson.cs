using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using DerivBot.Core.Reports;

namespace DerivBot.Application.Outbox;

/// <summary>
/// Platform-neutral storage form of a <see cref="Report"/> (the outbox renders it at send time). Polymorphism for
/// <see cref="ReportBlock"/> is added here with a type-info modifier, so Core stays free of serializer attributes.
/// Adding a block type to Core without listing it here fails the round-trip test.
/// </summary>
public static class ReportJson
{
    private static readonly (Type Type, string Id)[] Blocks =
    [
        (typeof(ParagraphBlock), "paragraph"),
        (typeof(HeadingBlock), "heading"),
        (typeof(FieldsBlock), "fields"),
        (typeof(ListBlock), "list"),
        (typeof(NoteBlock), "note"),
        (typeof(QuizBlock), "quiz"),
    ];

    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var resolver = new DefaultJsonTypeInfoResolver();
        resolver.Modifiers.Add(info =>
        {
            if (info.Type != typeof(ReportBlock))
            {
                return;
            }
            info.PolymorphismOptions = new JsonPolymorphismOptions
            {
                TypeDiscriminatorPropertyName = "$type",
                UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization,
            };
            foreach (var (type, id) in Blocks)
            {
                info.PolymorphismOptions.DerivedTypes.Add(new JsonDerivedType(type, id));
            }
        });
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            TypeInfoResolver = resolver,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly();
        return options;
    }

    public static string Serialize(Report report) => JsonSerializer.Serialize(report, Options);

    public static Report Deserialize(string json) =>
        JsonSerializer.Deserialize<Report>(json, Options) ?? throw new JsonException("The stored report is null.");
}
