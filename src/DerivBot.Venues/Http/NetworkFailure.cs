using System.Net;
using System.Net.Sockets;

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
            return socket.SocketErrorCode switch
            {
                SocketError.ConnectionRefused => "connection refused",
                SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => "host name not found",
                SocketError.TimedOut => "connection timed out",
                SocketError.NetworkUnreachable or SocketError.HostUnreachable => "network unreachable",
                SocketError.ConnectionReset => "connection reset",
                _ => socket.SocketErrorCode.ToString(),
            };
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
}
