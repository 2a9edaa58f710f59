using System.Globalization;
using System.Net;
using Microsoft.Extensions.Options;

namespace DerivBot.Host.Http;

/// <summary>The bot's one HTTP listener: health, metrics and the Telegram webhook. Section: <c>Http</c>.</summary>
public sealed class HttpOptions
{
    public const string Section = "Http";

    /// <summary>
    /// <c>host:port</c> to listen on (<c>Http:Listen</c>, default <c>127.0.0.1:8080</c>): an IP address
    /// (<c>0.0.0.0</c> or <c>[::]</c> for every interface, as in a container), <c>localhost</c>, or <c>*</c>. Port 0 picks
    /// a free port (tests; not with <c>localhost</c>). Serves <c>/healthz</c>, <c>/readyz</c>, <c>/metrics</c> and, in
    /// Telegram webhook mode, the path of <c>Telegram:WebhookUrl</c>.
    /// </summary>
    public string Listen { get; set; } = "127.0.0.1:8080";

    /// <summary>False runs no listener (<c>Http:Enabled</c>, default true; the host sets false for <c>demo</c> and <c>ask</c>).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The URL Kestrel binds, or null with a reason when <paramref name="listen"/> is not a usable host:port.</summary>
    public static Uri? ToUrl(string? listen, out string? error)
    {
        error = null;
        var text = listen?.Trim() ?? "";
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || colon == text.Length - 1)
        {
            error = "expected host:port";
            return null;
        }
        var host = text[..colon];
        if (!int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            error = "the port must be a number from 0 to 65535";
            return null;
        }
        var literal = host.StartsWith('[') && host.EndsWith(']') ? host[1..^1] : host;
        if (host is "*" or "+")
        {
            host = "0.0.0.0";
        }
        else if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            if (port == 0)
            {
                error = "port 0 (any free port) needs an IP address such as 127.0.0.1, not localhost";
                return null;
            }
        }
        else if (!IPAddress.TryParse(literal, out var ip) || (literal.Contains(':', StringComparison.Ordinal) && !host.StartsWith('[')))
        {
            error = "the host must be an IP address (IPv6 in brackets, e.g. [::]), localhost or *";
            return null;
        }
        return new Uri(string.Create(CultureInfo.InvariantCulture, $"http://{host}:{port}"));
    }
}
