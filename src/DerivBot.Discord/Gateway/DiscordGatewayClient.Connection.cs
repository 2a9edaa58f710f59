using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace DerivBot.Discord.Gateway;

/// <summary>The gateway client's connections: one per (re)connect, with its receive loop, heartbeats and send gate.</summary>
internal sealed partial class DiscordGatewayClient
{
    /// <summary>One WebSocket connection: its receive loop, heartbeat loop and send gate.</summary>
    private sealed class Connection(DiscordGatewayClient owner, Uri url, bool resume) : IDisposable
    {
        private readonly SemaphoreSlim _sendLock = new(1, 1);
        private readonly GatewaySendGate _gate = new(owner._time);
        private volatile bool _acked = true;
        private volatile bool _zombie;

        public int? CloseCode { get; private set; }

        /// <summary>True once READY or RESUMED arrived on this connection.</summary>
        public bool Established { get; private set; }

        public async Task<Outcome> RunAsync(CancellationToken stopping)
        {
            _stopping = stopping;
            using var ws = new ClientWebSocket();
            using var connectionCts = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            var token = connectionCts.Token;
            Task heartbeat = Task.CompletedTask;
            var heartbeatStarted = false;
            await ws.ConnectAsync(url, token).ConfigureAwait(false);
            owner._logger.LogInformation("Discord gateway connected ({Mode})", resume ? "resuming" : "identifying");
            try
            {
                while (true)
                {
                    JsonDocument? message;
                    try
                    {
                        message = await ReceiveAsync(ws, token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (!stopping.IsCancellationRequested && _zombie)
                    {
                        owner._logger.LogWarning("Discord gateway heartbeat was not acknowledged; reconnecting to resume");
                        return Outcome.Resume;
                    }
                    catch (Exception ex) when (ex is WebSocketException or IOException && !stopping.IsCancellationRequested)
                    {
                        owner._logger.LogWarning(ex, "Discord gateway connection dropped; resuming");
                        return Established || resume ? Outcome.Resume : Outcome.Retry;
                    }
                    if (message is null && _zombie)
                    {
                        // The server answered our zombie close; same outcome as above.
                        owner._logger.LogWarning("Discord gateway heartbeat was not acknowledged; reconnecting to resume");
                        return Outcome.Resume;
                    }
                    if (message is null)
                    {
                        return await OnServerCloseAsync(ws).ConfigureAwait(false);
                    }
                    using (message)
                    {
                        var outcome = await HandleAsync(ws, message.RootElement, token).ConfigureAwait(false);
                        if (outcome is { } o)
                        {
                            return o;
                        }
                        if (!heartbeatStarted && _interval is { } interval)
                        {
                            heartbeatStarted = true;
                            heartbeat = HeartbeatLoopAsync(ws, interval, connectionCts);
                        }
                    }
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                // Shutting down: 1000 ends the session on purpose (the bot goes offline now rather than in a minute).
                await TryCloseAsync(ws, WebSocketCloseStatus.NormalClosure, "shutting down").ConfigureAwait(false);
                return Outcome.Stopped;
            }
            finally
            {
                await connectionCts.CancelAsync().ConfigureAwait(false);
                try
                {
                    await heartbeat.ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                }
            }
        }

        private TimeSpan? _interval;

        // Work started from a dispatch (an interaction being answered) outlives this connection: it stops only with the host.
        private CancellationToken _stopping;

        public void Dispose() => _sendLock.Dispose();

        private async Task<Outcome?> HandleAsync(ClientWebSocket ws, JsonElement root, CancellationToken token)
        {
            var op = root.TryGetProperty("op", out var opElement) && opElement.TryGetInt32(out var o) ? o : -1;
            var d = root.TryGetProperty("d", out var data) ? data : default;
            switch (op)
            {
                case 10:
                    var ms = d.ValueKind == JsonValueKind.Object && d.TryGetProperty("heartbeat_interval", out var hi) && hi.TryGetDouble(out var v) ? v : 41_250;
                    _interval = TimeSpan.FromMilliseconds(Math.Max(1000, ms));
                    await SendAsync(ws, resume ? ResumePayload() : IdentifyPayload(), heartbeat: false, token).ConfigureAwait(false);
                    return null;
                case 11:
                    _acked = true;
                    return null;
                case 1:
                    // The server asks for a heartbeat now; it does not replace the regular schedule.
                    await SendAsync(ws, HeartbeatPayload(), heartbeat: true, token).ConfigureAwait(false);
                    return null;
                case 7:
                    owner._logger.LogInformation("Discord gateway asked us to reconnect (op 7); resuming");
                    await TryCloseAsync(ws, (WebSocketCloseStatus)GatewayCloseCodes.ResumeClose, "reconnect").ConfigureAwait(false);
                    return Outcome.Resume;
                case 9:
                    var resumable = d.ValueKind == JsonValueKind.True;
                    owner._logger.LogInformation("Discord gateway session invalid (op 9, resumable: {Resumable})", resumable);
                    await TryCloseAsync(ws, (WebSocketCloseStatus)GatewayCloseCodes.ResumeClose, "invalid session").ConfigureAwait(false);
                    return resumable ? Outcome.Resume : Outcome.Identify;
                case 0:
                    OnDispatch(root, d);
                    return null;
                default:
                    return null;
            }
        }

        private void OnDispatch(JsonElement root, JsonElement d)
        {
            if (root.TryGetProperty("s", out var s) && s.TryGetInt64(out var seq))
            {
                lock (owner._state)
                {
                    owner._sequence = seq;
                }
            }
            var name = root.TryGetProperty("t", out var t) ? t.GetString() : null;
            switch (name)
            {
                case "READY":
                    var sessionId = d.TryGetProperty("session_id", out var sid) ? sid.GetString() : null;
                    var resumeUrl = d.TryGetProperty("resume_gateway_url", out var ru) && Uri.TryCreate(ru.GetString(), UriKind.Absolute, out var u) ? u : null;
                    var appId = d.TryGetProperty("application", out var app) && app.TryGetProperty("id", out var aid) ? aid.GetString() : null;
                    lock (owner._state)
                    {
                        owner._sessionId = sessionId;
                        owner._resumeUrl = resumeUrl;
                    }
                    Established = true;
                    owner._status?.SetShard(owner.Shard?.Id ?? 0, Application.Diagnostics.PlatformConnection.Connected, "gateway ready");
                    owner._logger.LogInformation("Discord gateway ready");
                    if (appId is not null)
                    {
                        owner.ApplicationId = appId;
                        owner._handler.OnReady(appId, _stopping);
                    }
                    break;
                case "RESUMED":
                    Established = true;
                    owner._status?.SetShard(owner.Shard?.Id ?? 0, Application.Diagnostics.PlatformConnection.Connected, "gateway resumed");
                    owner._logger.LogInformation("Discord gateway session resumed");
                    break;
                case not null:
                    owner._handler.OnDispatch(name, d.Clone(), _stopping);
                    break;
            }
        }

        private async Task<Outcome> OnServerCloseAsync(ClientWebSocket ws)
        {
            var code = (int?)ws.CloseStatus;
            CloseCode = code;
            await TryCloseAsync(ws, ws.CloseStatus ?? WebSocketCloseStatus.NormalClosure, "").ConfigureAwait(false);
            if (code is { } c && GatewayCloseCodes.IsFatal(c))
            {
                owner._logger.LogCritical("Discord gateway closed with {Code}: {Reason}", c, GatewayCloseCodes.Describe(c));
                return Outcome.Fatal;
            }
            if (code is { } n && GatewayCloseCodes.NeedsNewSession(n))
            {
                owner._logger.LogWarning("Discord gateway closed with {Code} ({Reason}); identifying afresh", n, GatewayCloseCodes.Describe(n));
                return Outcome.Identify;
            }
            owner._logger.LogWarning("Discord gateway closed with {Code}; resuming", code?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no code");
            return owner.SessionId is null ? Outcome.Identify : Outcome.Resume;
        }

        /// <summary>How long a zombie connection waits for the server to answer our close before it is aborted.</summary>
        private static readonly TimeSpan ZombieCloseGrace = TimeSpan.FromSeconds(2);

        private async Task HeartbeatLoopAsync(ClientWebSocket ws, TimeSpan interval, CancellationTokenSource connection)
        {
            var token = connection.Token;
            try
            {
                await Task.Delay(interval * Math.Clamp(owner._jitter(), 0, 1), owner._time, token).ConfigureAwait(false);
                while (true)
                {
                    if (!_acked)
                    {
                        // No ACK since the last heartbeat: a zombie. Close with a non-1000 code so the session stays resumable.
                        _zombie = true;
                        await TryCloseAsync(ws, (WebSocketCloseStatus)GatewayCloseCodes.ResumeClose, "zombie").ConfigureAwait(false);
                        // Give the server a moment to read our 4000 and answer it (the reader then ends the connection
                        // as a zombie): cancelling at once aborts the socket, and a reset can make the server drop the
                        // close frame it has not read yet. A server that never answers is cut off after the grace.
                        connection.CancelAfter(ZombieCloseGrace);
                        return;
                    }
                    _acked = false;
                    await SendAsync(ws, HeartbeatPayload(), heartbeat: true, token).ConfigureAwait(false);
                    await Task.Delay(interval, owner._time, token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
            }
            catch (Exception ex) when (ex is WebSocketException or IOException or ObjectDisposedException)
            {
                // The receive loop sees the broken socket too and decides what comes next.
                owner._logger.LogDebug(ex, "Discord heartbeat send failed");
            }
        }

        private async Task SendAsync(ClientWebSocket ws, JsonObject payload, bool heartbeat, CancellationToken token)
        {
            var bytes = Encoding.UTF8.GetBytes(payload.ToJsonString());
            if (bytes.Length > MaxPayloadBytes)
            {
                throw new InvalidOperationException($"Gateway payload op {payload["op"]} is {bytes.Length} bytes; the limit is {MaxPayloadBytes}.");
            }
            await _gate.WaitAsync(heartbeat, token).ConfigureAwait(false);
            await _sendLock.WaitAsync(token).ConfigureAwait(false);
            try
            {
                await ws.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, token).ConfigureAwait(false);
            }
            finally
            {
                _sendLock.Release();
            }
        }

        private async Task TryCloseAsync(ClientWebSocket ws, WebSocketCloseStatus status, string reason)
        {
            if (ws.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
            {
                return;
            }
            // Bounded: a zombie server may never answer; the socket is disposed after this anyway.
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await _sendLock.WaitAsync(timeout.Token).ConfigureAwait(false);
                try
                {
                    await ws.CloseOutputAsync(status, reason, timeout.Token).ConfigureAwait(false);
                }
                finally
                {
                    _sendLock.Release();
                }
            }
            catch (Exception ex) when (ex is WebSocketException or IOException or OperationCanceledException or ObjectDisposedException)
            {
                owner._logger.LogDebug(ex, "Discord gateway close did not complete");
            }
        }

        private static async Task<JsonDocument?> ReceiveAsync(ClientWebSocket ws, CancellationToken token)
        {
            var buffer = new ArrayBufferWriter<byte>(8192);
            while (true)
            {
                var memory = buffer.GetMemory(8192);
                var result = await ws.ReceiveAsync(memory, token).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return null;
                }
                buffer.Advance(result.Count);
                if (buffer.WrittenCount > MaxReceiveBytes)
                {
                    throw new IOException("Discord gateway message too large.");
                }
                if (result.EndOfMessage)
                {
                    return JsonDocument.Parse(buffer.WrittenMemory);
                }
            }
        }

        private JsonObject HeartbeatPayload() => new() { ["op"] = 1, ["d"] = owner.Sequence };

        private JsonObject IdentifyPayload()
        {
            var d = new JsonObject
            {
                ["token"] = owner._token,
                // Interactions need no intent; asking for nothing keeps us clear of privileged intents (4014).
                ["intents"] = 0,
                ["properties"] = new JsonObject
                {
                    ["os"] = OperatingSystemName(),
                    ["browser"] = "derivbot",
                    ["device"] = "derivbot",
                },
            };
            if (owner.Shard is { } shard)
            {
                d["shard"] = new JsonArray(shard.Id, shard.Count);
            }
            return new JsonObject { ["op"] = 2, ["d"] = d };
        }

        private JsonObject ResumePayload()
        {
            lock (owner._state)
            {
                return new JsonObject
                {
                    ["op"] = 6,
                    ["d"] = new JsonObject { ["token"] = owner._token, ["session_id"] = owner._sessionId, ["seq"] = owner._sequence },
                };
            }
        }
    }
}
