using System.Net.WebSockets;
using System.Text;
using DerivBot.Core.Ports;
using DerivBot.Venues.Http;
using Microsoft.Extensions.Logging;

namespace DerivBot.Venues.Streams;

/// <summary>
/// The one reconnect loop of the venue WebSockets (the Binance market stream and the per-venue liquidation streams):
/// connect with a timeout; receive whole frames into a growing buffer; replace the connection when it drops or closes
/// (jittered exponential backoff, reset by a connection that delivered frames), when no frame arrives for the silence
/// timeout (Silent), or proactively when it reaches its rotation age (Rotating, no backoff); report every transition to
/// the handler; return normally when cancelled, after reporting Disconnected "stopped".
/// </summary>
internal sealed class ReconnectingSocket
{
    private const int SilentReason = 1;
    private const int RotateReason = 2;

    private readonly SocketStreamSettings _settings;
    private readonly ISocketStreamHooks _hooks;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Func<double> _random;

    public ReconnectingSocket(SocketStreamSettings settings, ISocketStreamHooks hooks, TimeProvider time, ILogger logger, Func<double> random)
    {
        _settings = settings;
        _hooks = hooks;
        _time = time;
        _logger = logger;
        _random = random;
    }

    public async Task RunAsync(IMarketStreamHandler handler, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            Report(handler, StreamState.Connecting, _settings.Uri.Host);
            ConnectionEnd end;
            try
            {
                end = await RunConnectionAsync(handler, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            finally
            {
                _hooks.OnConnectionEnded();
            }

            if (end.Rotated)
            {
                failures = 0;
                continue;
            }
            if (end.Frames > 0)
            {
                // The connection worked; this is a fresh failure, not the next one in a streak.
                failures = 0;
            }
            var delay = Backoff(failures++);
            _logger.LogInformation("{Stream} reconnecting in {DelayMs} ms (consecutive failures: {Failures})", _settings.Label, (int)delay.TotalMilliseconds, failures);
            try
            {
                await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
        }
        Report(handler, StreamState.Disconnected, "stopped");
    }

    /// <summary>Reconnect delay: min × 2^failures capped at max, with "equal jitter" (×0.5–1.0) so restarts spread out.</summary>
    public TimeSpan Backoff(int failures)
    {
        var exponential = _settings.BackoffMin * Math.Pow(2, Math.Min(failures, 20));
        var capped = exponential > _settings.BackoffMax ? _settings.BackoffMax : exponential;
        return capped * (0.5 + 0.5 * Math.Clamp(_random(), 0, 1));
    }

    private readonly record struct ConnectionEnd(long Frames, bool Rotated);

    private async Task<ConnectionEnd> RunConnectionAsync(IMarketStreamHandler handler, CancellationToken cancellationToken)
    {
        var uri = _settings.Uri;
        using var socket = new ClientWebSocket();
        string? connectFailure = null;
        using (var connectTimeout = new CancellationTokenSource(_settings.ConnectTimeout, _time))
        using (var connect = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, connectTimeout.Token))
        {
            try
            {
                await socket.ConnectAsync(uri, connect.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or HttpRequestException or IOException)
            {
                connectFailure = ex is OperationCanceledException
                    ? $"connect timed out after {_settings.ConnectTimeout.TotalSeconds:0.#} s"
                    : $"cannot connect to {uri.Host} ({NetworkFailure.DescribeSocket(ex)})";
            }
        }
        if (connectFailure is not null)
        {
            // Reported after the connect timer is disposed, so observers see only the backoff wait pending.
            _logger.LogWarning("{Stream}: {Detail}", _settings.Label, connectFailure);
            Report(handler, StreamState.Disconnected, connectFailure);
            return new ConnectionEnd(0, false);
        }

        Report(handler, StreamState.Connected, uri.Host);
        _logger.LogInformation("{Stream} connected to {Host}", _settings.Label, uri.Host);

        using var receive = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reason = 0; // SilentReason or RotateReason, set before the receive is cancelled so the catch knows why.
        void Stop(int why)
        {
            if (Interlocked.CompareExchange(ref reason, why, 0) == 0)
            {
                try
                {
                    receive.Cancel();
                }
                catch (ObjectDisposedException)
                {
                    // The connection already ended.
                }
            }
        }

        var silence = _settings.SilenceTimeout;
        using var silenceTimer = _time.CreateTimer(_ => Stop(SilentReason), null, silence, Timeout.InfiniteTimeSpan);
        using var rotateTimer = _settings.RotateAfter is { } rotateAfter
            ? _time.CreateTimer(_ => Stop(RotateReason), null, rotateAfter, Timeout.InfiniteTimeSpan)
            : null;
        using var sendGate = new SemaphoreSlim(1, 1);

        async Task SendAsync(string text, CancellationToken ct)
        {
            await sendGate.WaitAsync(ct).ConfigureAwait(false);
            try
            {
                await socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, ct).ConfigureAwait(false);
            }
            finally
            {
                sendGate.Release();
            }
        }

        long frames = 0;
        Task? background = null;
        try
        {
            background = await _hooks.OnConnectedAsync(SendAsync, receive.Token).ConfigureAwait(false);
            var buffer = new byte[_settings.InitialBufferBytes];
            var count = 0;
            long badFrames = 0;
            while (true)
            {
                if (background is { IsFaulted: true })
                {
                    await background.ConfigureAwait(false); // surfaces e.g. a keepalive send failure as a dropped connection
                }
                if (count == buffer.Length)
                {
                    if (buffer.Length >= _settings.MaxFrameBytes)
                    {
                        throw new WebSocketException(WebSocketError.Faulted, $"frame larger than {_settings.MaxFrameBytes / (1024 * 1024)} MB");
                    }
                    Array.Resize(ref buffer, buffer.Length * 2);
                }
                var result = await socket.ReceiveAsync(buffer.AsMemory(count), receive.Token).ConfigureAwait(false);
                silenceTimer.Change(silence, Timeout.InfiniteTimeSpan);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    var detail = $"server closed the connection ({socket.CloseStatus} {socket.CloseStatusDescription})".TrimEnd();
                    await CloseQuietlyAsync(socket).ConfigureAwait(false);
                    Report(handler, StreamState.Disconnected, detail);
                    return new ConnectionEnd(frames, false);
                }
                count += result.Count;
                if (!result.EndOfMessage)
                {
                    continue;
                }
                frames++;
                if (result.MessageType == WebSocketMessageType.Text)
                {
                    Deliver(buffer.AsMemory(0, count), handler, ref badFrames);
                }
                count = 0;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException) when (Volatile.Read(ref reason) == SilentReason)
        {
            var detail = $"no frame for {silence.TotalSeconds:0.#} s; reconnecting";
            _logger.LogWarning("{Stream} silent: {Detail}", _settings.Label, detail);
            Report(handler, StreamState.Silent, detail);
            return new ConnectionEnd(frames, false);
        }
        catch (OperationCanceledException) when (Volatile.Read(ref reason) == RotateReason)
        {
            _logger.LogInformation("{Stream} rotating: {Detail}", _settings.Label, _settings.RotateDetail);
            Report(handler, StreamState.Rotating, _settings.RotateDetail);
            return new ConnectionEnd(frames, true);
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or HttpRequestException or VenueException)
        {
            var detail = $"connection dropped ({NetworkFailure.DescribeSocket(ex)})";
            _logger.LogWarning(ex, "{Stream} dropped after {Frames} frames: {Detail}", _settings.Label, frames, detail);
            Report(handler, StreamState.Disconnected, detail);
            return new ConnectionEnd(frames, false);
        }
        finally
        {
            if (background is not null)
            {
                await StopBackgroundAsync(receive, background).ConfigureAwait(false);
            }
        }
    }

    private void Deliver(ReadOnlyMemory<byte> frame, IMarketStreamHandler handler, ref long badFrames)
    {
        try
        {
            _hooks.OnFrame(frame, handler);
        }
        catch (VenueException ex)
        {
            // One bad frame must not cost the connection; the next one is rarely far away.
            if (badFrames++ % 100 == 0)
            {
                _logger.LogWarning(ex, "{Stream}: skipped a malformed frame ({BadFrames} so far on this connection)", _settings.Label, badFrames);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _logger.LogError(ex, "{Stream}: the handler failed on a frame; continuing", _settings.Label);
        }
    }

    private static async Task StopBackgroundAsync(CancellationTokenSource receive, Task background)
    {
        try
        {
            await receive.CancelAsync().ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
            // Already gone.
        }
        try
        {
            await background.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or IOException or ObjectDisposedException or VenueException)
        {
            // The background work ends with the connection.
        }
    }

    private void Report(IMarketStreamHandler handler, StreamState state, string? detail)
    {
        try
        {
            var name = _settings.StatusName;
            handler.OnStatus(new StreamStatus(state, _time.GetUtcNow(), name is null ? detail : detail is null ? name : $"{name}: {detail}"));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _logger.LogError(ex, "{Stream}: the handler failed on status {State}", _settings.Label, state);
        }
    }

    private async Task CloseQuietlyAsync(ClientWebSocket socket)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2), _time);
            if (socket.State is WebSocketState.CloseReceived or WebSocketState.Open)
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", timeout.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException)
        {
            // Closing a connection that is already gone; nothing to do.
        }
    }
}
