namespace DerivBot.Host.Cli;

public enum Verb { Run, Demo, Ask }

/// <summary>The parsed command line. Unknown flags are an error with a usage line, never ignored.</summary>
public sealed record CommandLine(Verb Verb, string? AskText, bool Json, string? Language, bool Replay, string[] HostArgs, string? Error)
{
    public const string Usage =
        "usage: DerivBot [run] | demo [--lang en|zh-TW|zh-CN] | ask \"/funding BTC\" [--json] [--lang en|zh-TW|zh-CN] [--replay]";

    public static CommandLine Parse(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var verb = Verb.Run;
        string? ask = null;
        string? lang = null;
        var json = false;
        var replay = false;
        var hostArgs = new List<string>();
        var i = 0;
        if (args.Length > 0 && !args[0].StartsWith('-'))
        {
            switch (args[0].ToLowerInvariant())
            {
                case "run": verb = Verb.Run; break;
                case "demo": verb = Verb.Demo; break;
                case "ask": verb = Verb.Ask; break;
                default: return Fail($"unknown verb '{args[0]}'");
            }
            i = 1;
        }
        for (; i < args.Length; i++)
        {
            var a = args[i];
            switch (a)
            {
                case "--json": json = true; break;
                case "--replay": replay = true; break;
                case "--lang":
                    if (i + 1 >= args.Length)
                    {
                        return Fail("--lang needs a value: en, zh-TW or zh-CN");
                    }
                    lang = args[++i];
                    break;
                default:
                    if (a.StartsWith("--", StringComparison.Ordinal) && a.Contains('=', StringComparison.Ordinal))
                    {
                        hostArgs.Add(a); // configuration override: --Section:Key=value
                    }
                    else if (verb == Verb.Ask && ask is null && !a.StartsWith("--", StringComparison.Ordinal))
                    {
                        ask = a;
                    }
                    else
                    {
                        return Fail($"unexpected argument '{a}'");
                    }
                    break;
            }
        }
        if (verb == Verb.Ask && string.IsNullOrWhiteSpace(ask))
        {
            return Fail("ask needs a command, e.g. ask \"/funding BTC\"");
        }
        if (lang is not null && !DerivBot.Core.Localization.LanguageExtensions.TryParse(lang, out _))
        {
            return Fail($"unknown language '{lang}': use en, zh-TW or zh-CN");
        }
        return new CommandLine(verb, ask, json, lang, replay || verb == Verb.Demo, [.. hostArgs], null);
    }

    private static CommandLine Fail(string message) => new(Verb.Run, null, false, null, false, [], message + Environment.NewLine + Usage);
}
