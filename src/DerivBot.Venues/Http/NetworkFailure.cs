using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;

namespace DerivBot.Venues.Http;

/// <summary>The words for why a venue host could not be reached, shared by every REST transport ("cannot reach host (…)").</summary>
internal static class NetworkFailure
{
    /// <summary>A short reason for <paramref name="ex"/>: the socket error when there is one, else the request error.</summary>
    public static string Describe(HttpRequestException ex)
    {
        ArgumentNullException.ThrowIfNull(ex);
        if (ex.InnerException is SocketException socket)
        {
            return Describe(socket.SocketErrorCode);
        }
        return ex.HttpRequestError switch
        {
            HttpRequestError.NameResolutionError => "host name not found",
            HttpRequestError.SecureConnectionError => "TLS handshake failed",
            HttpRequestError.ProxyTunnelError => "proxy tunnel failed",
            HttpRequestError.ResponseEnded => "connection closed before the response ended",
            HttpRequestError.ConnectionError => "connection failed",
            _ => ex.StatusCode is HttpStatusCode code ? "HTTP " + (int)code : ex.HttpRequestError.ToString(),
        };
    }

    /// <summary>
    /// A short reason a WebSocket failed to connect or dropped: the socket error anywhere in the chain, else the
    /// WebSocket error, else the exception's message.
    /// </summary>
    public static string DescribeSocket(Exception ex)
    {
        ArgumentNullException.ThrowIfNull(ex);
        for (var e = ex; e is not null; e = e.InnerException)
        {
            if (e is SocketException socket)
            {
                return Describe(socket.SocketErrorCode);
            }
        }
        return ex is WebSocketException ws && ws.WebSocketErrorCode != WebSocketError.Success
            ? ws.WebSocketErrorCode switch
            {
                WebSocketError.ConnectionClosedPrematurely => "closed mid-frame without a close handshake",
                WebSocketError.NotAWebSocket => "the server did not accept a WebSocket (wrong URL?)",
                _ => ws.WebSocketErrorCode.ToString(),
            }
            : ex.Message;
    }

    private static string Describe(SocketError error) => error switch
    {
        SocketError.ConnectionRefused => "connection refused",
        SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => "host name not found",
        SocketError.TimedOut => "connection timed out",
        SocketError.NetworkUnreachable or SocketError.HostUnreachable => "network unreachable",
        SocketError.ConnectionReset => "connection reset",
        _ => error.ToString(),
    };
}
