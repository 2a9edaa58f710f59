using System.Collections;
using System.Collections.Frozen;
using System.Globalization;
using System.Resources;
using System.Text;
using DerivBot.Core.Localization;

namespace DerivBot.Application.Localization;

/// <summary>
/// Reads <c>Strings.resx</c> (English, the neutral resources in the main assembly) and the <c>zh-TW</c>/<c>zh-CN</c>
/// satellites once, without culture fallback, and refuses to start when the languages disagree on keys or
/// placeholders: a translation gap is found at start-up and in tests, never by a user reading English in a 繁體 chat.
/// </summary>
public sealed class ResxLocalizer : ILocalizer
{
    private const string BaseName = "DerivBot.Application.Localization.Strings";

    private readonly FrozenDictionary<Language, FrozenDictionary<string, string>> _tables;

    public ResxLocalizer()
        : this(Load())
    {
    }

    internal ResxLocalizer(IReadOnlyDictionary<Language, IReadOnlyDictionary<string, string>> tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        var problems = Check(tables);
        if (problems.Count > 0)
        {
            throw new MissingTextException("Localization resources are inconsistent:" + Environment.NewLine + string.Join(Environment.NewLine, problems));
        }
        _tables = tables.ToFrozenDictionary(kv => kv.Key, kv => kv.Value.ToFrozenDictionary(StringComparer.Ordinal));
        Keys = _tables[Language.En].Keys.Order(StringComparer.Ordinal).ToArray();
    }

    public IReadOnlyCollection<string> Keys { get; }

    public bool Has(string key) => _tables[Language.En].ContainsKey(key);

    public string Get(Language language, string key, params ReadOnlySpan<TextArg> args)
    {
        if (!_tables.TryGetValue(language, out var table))
        {
            throw new MissingTextException($"No resources for language {language}.");
        }
        if (!table.TryGetValue(key, out var template))
        {
            throw new MissingTextException($"Text key '{key}' is missing for {language.ToCode()}.");
        }
        return Fill(template, key, language, args);
    }

    /// <summary>The unfilled template (for tests and tooling).</summary>
    internal string Template(Language language, string key) =>
        _tables[language].TryGetValue(key, out var template) ? template : throw new MissingTextException($"Text key '{key}' is missing for {language.ToCode()}.");

    /// <summary>Every problem that would make some language fall short: missing keys and placeholder mismatches.</summary>
    internal static List<string> Check(IReadOnlyDictionary<Language, IReadOnlyDictionary<string, string>> tables)
    {
        var problems = new List<string>();
        foreach (var language in Enum.GetValues<Language>())
        {
            if (!tables.ContainsKey(language))
            {
                problems.Add($"{language.ToCode()}: no resource table");
            }
        }
        if (problems.Count > 0)
        {
            return problems;
        }
        var allKeys = tables.Values.SelectMany(t => t.Keys).ToHashSet(StringComparer.Ordinal);
        foreach (var key in allKeys.Order(StringComparer.Ordinal))
        {
            var reference = (string?)null;
            var referencePlaceholders = (string?)null;
            foreach (var language in Enum.GetValues<Language>())
            {
                if (!tables[language].TryGetValue(key, out var template) || string.IsNullOrWhiteSpace(template))
                {
                    problems.Add($"{language.ToCode()}: missing '{key}'");
                    continue;
                }
                var placeholders = string.Join(",", Placeholders(template).Order(StringComparer.Ordinal));
                if (reference is null)
                {
                    reference = language.ToCode();
                    referencePlaceholders = placeholders;
                }
                else if (!string.Equals(placeholders, referencePlaceholders, StringComparison.Ordinal))
                {
                    problems.Add($"{language.ToCode()}: '{key}' has placeholders [{placeholders}] but {reference} has [{referencePlaceholders}]");
                }
            }
        }
        return problems;
    }

    internal static IEnumerable<string> Placeholders(string template)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var i = 0;
        while ((i = template.IndexOf('{', i)) >= 0)
        {
            var end = template.IndexOf('}', i + 1);
            if (end < 0)
            {
                break;
            }
            var name = template[(i + 1)..end];
            if (name.Length > 0 && seen.Add(name))
            {
                yield return name;
            }
            i = end + 1;
        }
    }

    private static string Fill(string template, string key, Language language, ReadOnlySpan<TextArg> args)
    {
        if (template.IndexOf('{') < 0)
        {
            return template;
        }
        var sb = new StringBuilder(template.Length + 32);
        var i = 0;
        while (i < template.Length)
        {
            var open = template.IndexOf('{', i);
            if (open < 0)
            {
                sb.Append(template, i, template.Length - i);
                break;
            }
            var close = template.IndexOf('}', open + 1);
            if (close < 0)
            {
                sb.Append(template, i, template.Length - i);
                break;
            }
            sb.Append(template, i, open - i);
            var name = template.AsSpan(open + 1, close - open - 1);
            var found = false;
            foreach (var arg in args)
            {
                if (name.SequenceEqual(arg.Name))
                {
                    sb.Append(arg.Value);
                    found = true;
                    break;
                }
            }
            if (!found)
            {
                throw new MissingTextException($"Text '{key}' ({language.ToCode()}) needs argument '{name}' that was not supplied.");
            }
            i = close + 1;
        }
        return sb.ToString();
    }

    private static Dictionary<Language, IReadOnlyDictionary<string, string>> Load()
    {
        var manager = new ResourceManager(BaseName, typeof(ResxLocalizer).Assembly);
        var tables = new Dictionary<Language, IReadOnlyDictionary<string, string>>();
        foreach (var language in Enum.GetValues<Language>())
        {
            // English is the neutral (invariant) table in the main assembly; the Chinese tables come from satellites.
            // tryParents: false so a missing satellite or key is reported instead of quietly showing English.
            var culture = language == Language.En ? CultureInfo.InvariantCulture : language.ToCulture();
            var set = manager.GetResourceSet(culture, createIfNotExists: true, tryParents: false)
                ?? throw new MissingTextException($"Resource set for {language.ToCode()} not found ({BaseName}).");
            var table = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (DictionaryEntry entry in set)
            {
                if (entry.Key is string k && entry.Value is string v)
                {
                    table[k] = v;
                }
            }
            tables[language] = table;
        }
        return tables;
    }
}
