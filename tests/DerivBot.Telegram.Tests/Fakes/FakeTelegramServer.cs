using System.Globalization;
using System.Text.Json;
using DerivBot.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace DerivBot.Telegram.Tests.Fakes;

/// <summary>A call our client made, as the fake Bot API decoded it (JSON body or multipart form). Files are
/// "field:filename:bytes", where field is the parameter that refers to the part (<c>attach://part</c>).</summary>
public sealed record FakeCall(string Method, IReadOnlyDictionary<string, string> Fields, IReadOnlyList<string> FileNames, DateTimeOffset At)
{
    public string? this[string field] => Fields.TryGetValue(field, out var v) ? v : null;

    /// <summary>The path before /bot{token}/ ("/tgproxy" behind a proxy), or "" for none.</summary>
    public string PathPrefix { get; init; } = "";

    public string? ChatId => this["chat_id"];
}

/// <summary>A scripted Bot API answer.</summary>
public sealed record FakeReply(int StatusCode, string Body)
{
    public static FakeReply TooManyRequests(int retryAfter) =>
        new(429, $$$"""{"ok":false,"error_code":429,"description":"Too Many Requests: retry after {{{retryAfter}}}","parameters":{"retry_after":{{{retryAfter}}}}}""");

    public static FakeReply Forbidden(string description = "Forbidden: bot was blocked by the user") =>
        new(403, $$"""{"ok":false,"error_code":403,"description":"{{description}}"}""");

    public static FakeReply Migrated(long newChatId) =>
        new(400, $$$"""{"ok":false,"error_code":400,"description":"Bad Request: group chat was upgraded to a supergroup chat","parameters":{"migrate_to_chat_id":{{{newChatId}}}}}""");

    public static FakeReply BadRequest(string description) => new(400, $$"""{"ok":false,"error_code":400,"description":"{{description}}"}""");

    public static FakeReply Conflict() =>
        new(409, """{"ok":false,"error_code":409,"description":"Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"}""");

    public static FakeReply ServerError() => new(502, """{"ok":false,"error_code":502,"description":"Bad Gateway"}""");

    /// <summary>No answer at all: the request hangs until the client gives up (a timeout on our side).</summary>
    public static FakeReply NoAnswer() => new(0, "");
}

/// <summary>Limits the fake enforces with sliding windows on message-sending methods; null = not enforced.</summary>
public sealed record FakeLimits(int? GlobalPerSecond = 30, int? ChatPerSecond = null, int? GroupPerMinute = 20);

/// <summary>
/// A fake Telegram Bot API on a real loopback socket: <c>POST /bot{token}/{method}</c> (also under one path prefix,
/// as behind a proxy) for the methods our client uses. Like the real one it reads JSON or multipart bodies, resolves
/// <c>attach://</c> references to uploaded parts, and takes <c>parse_mode</c> in any letter case (Telegram.Bot sends
/// "Html"), refusing unknown modes with 400.
/// Updates are scripted in (getUpdates long-polls for them and forgets those below the offset, like Telegram's
/// confirmation); every call out is recorded; failures can be scripted per method/chat; limits can be enforced with 429s.
/// </summary>
public sealed class FakeTelegramServer : IAsyncDisposable
{
    public const string Token = "7000001234:fake-SECRET-token-for-loopback";
    public const string BotUsername = "DerivTestBot";
    public const long BotId = 7000001234;

    private static readonly HashSet<string> MessageMethods = new(StringComparer.OrdinalIgnoreCase) { "sendMessage", "sendPhoto", "editMessageText", "editMessageMedia", "sendPoll" };
    private static readonly HashSet<string> ParseModes = new(StringComparer.OrdinalIgnoreCase) { "HTML", "MarkdownV2", "Markdown" };

    private readonly object _gate = new();
    private readonly List<FakeCall> _calls = [];
    private readonly List<(long Id, string Json)> _updates = [];
    private readonly List<(string Method, Func<FakeCall, bool> Match, FakeReply Reply, int Remaining)> _scripted = [];
    private readonly Dictionary<(string Chat, string User), string> _members = [];
    private readonly List<(DateTimeOffset At, string Chat)> _sent = [];
    private readonly TimeProvider _clock;
    private TaskCompletionSource _newUpdate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private LoopbackServer? _server;
    private long _nextUpdateId = 100_000;
    private long _nextMessageId = 1;
    private long _nextPollId;
    private int _rateLimitHits;

    private FakeTelegramServer(TimeProvider clock, FakeLimits? limits)
    {
        _clock = clock;
        Limits = limits;
    }

    public FakeLimits? Limits { get; set; }

    /// <summary>Longest real time a getUpdates call is held open when no update is queued (keeps tests snappy).</summary>
    public TimeSpan MaxPollHold { get; set; } = TimeSpan.FromSeconds(1);

    public Uri ApiBaseUrl => _server!.BaseAddress;

    public LoopbackServer Loopback => _server!;

    /// <summary>How many 429s the enforced limits produced (scripted 429s not counted).</summary>
    public int RateLimitHits => Volatile.Read(ref _rateLimitHits);

    public static async Task<FakeTelegramServer> StartAsync(TimeProvider? clock = null, FakeLimits? limits = null)
    {
        var fake = new FakeTelegramServer(clock ?? TimeProvider.System, limits);
        fake._server = await LoopbackServer.StartAsync(app =>
        {
            app.MapPost("/bot{token}/{method}", fake.HandleAsync);
            app.MapPost("/{prefix}/bot{token}/{method}", fake.HandleAsync);
        }, clock).ConfigureAwait(false);
        return fake;
    }

    public IReadOnlyList<FakeCall> Calls
    {
        get
        {
            lock (_gate)
            {
                return [.. _calls];
            }
        }
    }

    public IReadOnlyList<FakeCall> CallsTo(string method) => Calls.Where(c => string.Equals(c.Method, method, StringComparison.OrdinalIgnoreCase)).ToList();

    /// <summary>Queues an update; <paramref name="body"/> is the update's JSON without update_id, e.g. <c>"message":{…}</c>.</summary>
    public long AddUpdate(string body)
    {
        lock (_gate)
        {
            var id = ++_nextUpdateId;
            _updates.Add((id, $$"""{"update_id":{{id}},{{body}}}"""));
            _newUpdate.TrySetResult();
            _newUpdate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return id;
        }
    }

    /// <summary>Updates not yet confirmed by an offset.</summary>
    public int UnconfirmedUpdates
    {
        get
        {
            lock (_gate)
            {
                return _updates.Count;
            }
        }
    }

    /// <summary>The next <paramref name="times"/> calls to <paramref name="method"/> matching <paramref name="match"/> get <paramref name="reply"/>.</summary>
    public void Script(string method, FakeReply reply, Func<FakeCall, bool>? match = null, int times = 1)
    {
        lock (_gate)
        {
            _scripted.Add((method, match ?? (_ => true), reply, times));
        }
    }

    public void SetMemberStatus(long chatId, long userId, string status)
    {
        lock (_gate)
        {
            _members[(chatId.ToString(CultureInfo.InvariantCulture), userId.ToString(CultureInfo.InvariantCulture))] = status;
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        var token = (string)context.Request.RouteValues["token"]!;
        var method = (string)context.Request.RouteValues["method"]!;
        if (token != "bot" + Token && token != Token)
        {
            await Reply(context, new FakeReply(401, """{"ok":false,"error_code":401,"description":"Unauthorized"}""")).ConfigureAwait(false);
            return;
        }
        var (fields, files, badRequest) = await ReadFieldsAsync(context.Request).ConfigureAwait(false);
        var prefix = context.Request.RouteValues.TryGetValue("prefix", out var p) ? "/" + p : "";
        var call = new FakeCall(method, fields, files, _clock.GetUtcNow()) { PathPrefix = prefix };
        if (badRequest is null && call["parse_mode"] is { } mode && !ParseModes.Contains(mode))
        {
            badRequest = "Bad Request: unsupported parse_mode";
        }
        if (badRequest is not null)
        {
            lock (_gate)
            {
                _calls.Add(call);
            }
            await Reply(context, FakeReply.BadRequest(badRequest)).ConfigureAwait(false);
            return;
        }
        FakeReply? scripted = null;
        lock (_gate)
        {
            _calls.Add(call);
            for (var i = 0; i < _scripted.Count; i++)
            {
                var s = _scripted[i];
                if (string.Equals(s.Method, method, StringComparison.OrdinalIgnoreCase) && s.Match(call))
                {
                    scripted = s.Reply;
                    if (s.Remaining <= 1)
                    {
                        _scripted.RemoveAt(i);
                    }
                    else
                    {
                        _scripted[i] = s with { Remaining = s.Remaining - 1 };
                    }
                    break;
                }
            }
            if (scripted is null && MessageMethods.Contains(method) && call.ChatId is { } chat && OverLimit(chat, call.At))
            {
                Interlocked.Increment(ref _rateLimitHits);
                scripted = FakeReply.TooManyRequests(1);
            }
        }
        if (scripted is { StatusCode: 0 })
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, context.RequestAborted).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            return;
        }
        if (scripted is not null)
        {
            await Reply(context, scripted).ConfigureAwait(false);
            return;
        }
        if (method == "sendPoll" && PollProblem(call) is { } problem)
        {
            await Reply(context, FakeReply.BadRequest(problem)).ConfigureAwait(false);
            return;
        }
        var result = method switch
        {
            "getMe" => $$"""{"id":{{BotId}},"is_bot":true,"first_name":"Deriv Test","username":"{{BotUsername}}"}""",
            "getUpdates" => await GetUpdatesAsync(call, context.RequestAborted).ConfigureAwait(false),
            "sendMessage" or "sendPhoto" => SentMessage(call),
            "sendPoll" => SentPoll(call),
            "editMessageText" or "editMessageMedia" => SentMessage(call),
            "getChatMember" => Member(call),
            "answerCallbackQuery" or "setMyCommands" or "setWebhook" or "deleteWebhook" => "true",
            _ => null,
        };
        await Reply(context, result is null
            ? new FakeReply(404, """{"ok":false,"error_code":404,"description":"Not Found: method not found"}""")
            : new FakeReply(200, $$"""{"ok":true,"result":{{result}}}""")).ConfigureAwait(false);
    }

    /// <summary>Channel chat ids: like Telegram, they refuse non-anonymous polls.</summary>
    public HashSet<string> ChannelIds { get; } = [];

    /// <summary>What Telegram would refuse in a sendPoll (Bot API limits: question 1–300, 2–10 options of 1–100
    /// characters, a quiz needs its correct option, explanation ≤ 200 characters with ≤ 2 line feeds), or null.</summary>
    private string? PollProblem(FakeCall call)
    {
        var question = call["question"] ?? "";
        if (question.Length is < 1 or > 300)
        {
            return "Bad Request: poll question length must not exceed 300";
        }
        using var options = JsonDocument.Parse(call["options"] ?? "[]");
        var texts = options.RootElement.EnumerateArray().Select(o => o.ValueKind == JsonValueKind.String ? o.GetString()! : o.GetProperty("text").GetString()!).ToList();
        if (texts.Count is < 2 or > 10 || texts.Any(t => t.Length is < 1 or > 100))
        {
            return "Bad Request: poll options are invalid";
        }
        if (call["type"] == "quiz")
        {
            using var correct = JsonDocument.Parse(call["correct_option_ids"] ?? "[]");
            var ids = correct.RootElement.EnumerateArray().Select(e => e.GetInt32()).ToList();
            if (ids.Count == 0 || ids.Any(i => i < 0 || i >= texts.Count))
            {
                return "Bad Request: wrong correct option ids specified";
            }
        }
        var explanation = call["explanation"] ?? "";
        if (explanation.Length > 200 || explanation.Count(c => c == '\n') > 2)
        {
            return "Bad Request: explanation is too long";
        }
        if (call["is_anonymous"] != "true" && call.ChatId is { } chat && ChannelIds.Contains(chat))
        {
            return "Bad Request: non-anonymous polls can't be sent to channel chats";
        }
        return null;
    }

    private string SentPoll(FakeCall call)
    {
        var id = Interlocked.Increment(ref _nextMessageId);
        var chat = call.ChatId ?? "0";
        var type = ChannelIds.Contains(chat) ? "channel" : chat.StartsWith('-') ? "supergroup" : "private";
        var anonymous = call["is_anonymous"] == "true" ? "true" : "false";
        var pollId = Interlocked.Increment(ref _nextPollId); // poll-1, poll-2 … in send order
        var poll = $$"""{"id":"poll-{{pollId}}","question":{{JsonSerializer.Serialize(call["question"])}},"options":[],"total_voter_count":0,"is_closed":false,"is_anonymous":{{anonymous}},"type":"quiz","allows_multiple_answers":false}""";
        return $$"""{"message_id":{{id}},"chat":{"id":{{chat}},"type":"{{type}}"},"date":1723000000,"poll":{{poll}}}""";
    }

    private bool OverLimit(string chat, DateTimeOffset now)
    {
        var limits = Limits;
        if (limits is null)
        {
            _sent.Add((now, chat));
            return false;
        }
        _sent.RemoveAll(s => now - s.At >= TimeSpan.FromMinutes(1));
        var isGroup = chat.StartsWith('-');
        var lastSecond = _sent.Where(s => now - s.At < TimeSpan.FromSeconds(1)).ToList();
        if ((limits.GlobalPerSecond is { } g && lastSecond.Count >= g)
            || (limits.ChatPerSecond is { } c && lastSecond.Count(s => s.Chat == chat) >= c)
            || (isGroup && limits.GroupPerMinute is { } m && _sent.Count(s => s.Chat == chat) >= m))
        {
            return true;
        }
        _sent.Add((now, chat));
        return false;
    }

    private async Task<string> GetUpdatesAsync(FakeCall call, CancellationToken aborted)
    {
        var offset = call["offset"] is { } o ? long.Parse(o, CultureInfo.InvariantCulture) : (long?)null;
        var timeout = call["timeout"] is { } t ? int.Parse(t, CultureInfo.InvariantCulture) : 0;
        var until = TimeSpan.FromSeconds(Math.Min(timeout, MaxPollHold.TotalSeconds));
        var started = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            Task next;
            lock (_gate)
            {
                if (offset is { } confirmedBelow)
                {
                    _updates.RemoveAll(u => u.Id < confirmedBelow);
                }
                var pending = _updates.Where(u => offset is null || u.Id >= offset).Take(100).Select(u => u.Json).ToList();
                if (pending.Count > 0 || started.Elapsed >= until)
                {
                    return "[" + string.Join(",", pending) + "]";
                }
                next = _newUpdate.Task;
            }
            try
            {
                await next.WaitAsync(until - started.Elapsed, aborted).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                return "[]";
            }
        }
    }

    private string SentMessage(FakeCall call)
    {
        var id = Interlocked.Increment(ref _nextMessageId);
        var chat = call.ChatId ?? "0";
        var type = chat.StartsWith('-') ? "supergroup" : "private";
        var photo = call.Method is "sendPhoto" ? ""","photo":[{"file_id":"f1","width":10,"height":10}]""" : "";
        return $$"""{"message_id":{{id}},"chat":{"id":{{chat}},"type":"{{type}}"},"date":1723000000{{photo}}}""";
    }

    private string Member(FakeCall call)
    {
        string status;
        lock (_gate)
        {
            status = _members.TryGetValue((call.ChatId ?? "", call["user_id"] ?? ""), out var s) ? s : "member";
        }
        return $$$"""{"status":"{{{status}}}","user":{"id":{{{call["user_id"]}}},"is_bot":false,"first_name":"U"}}""";
    }

    private static async Task Reply(HttpContext context, FakeReply reply)
    {
        context.Response.StatusCode = reply.StatusCode;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(reply.Body).ConfigureAwait(false);
    }

    /// <summary>The parameters, the uploaded files, and a 400 description when the body is not what Telegram accepts.</summary>
    private static async Task<(Dictionary<string, string>, List<string>, string?)> ReadFieldsAsync(HttpRequest request)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var files = new List<string>();
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync().ConfigureAwait(false);
            foreach (var (key, value) in form)
            {
                fields[key] = value.ToString();
            }
            foreach (var file in form.Files)
            {
                // A part is a parameter's value when some parameter says attach://<part name> (in a JSON value too,
                // e.g. InputMedia), or directly when the part is named like the parameter.
                var reference = "attach://" + file.Name;
                var owner = fields.FirstOrDefault(f => f.Value == reference || f.Value.Contains('"' + reference + '"', StringComparison.Ordinal)).Key ?? file.Name;
                files.Add(owner + ":" + file.FileName + ":" + file.Length.ToString(CultureInfo.InvariantCulture));
            }
            foreach (var value in fields.Values)
            {
                var at = value.IndexOf("attach://", StringComparison.Ordinal);
                if (at >= 0)
                {
                    var name = new string(value[(at + 9)..].TakeWhile(c => c != '"').ToArray());
                    if (form.Files.GetFile(name) is null)
                    {
                        return (fields, files, $"Bad Request: can't find attached file \"{name}\"");
                    }
                }
            }
            return (fields, files, null);
        }
        if (request.ContentLength is 0 || request.ContentType is null)
        {
            return (fields, files, null); // a method without parameters (getMe)
        }
        using var doc = await JsonDocument.ParseAsync(request.Body).ConfigureAwait(false);
        foreach (var p in doc.RootElement.EnumerateObject())
        {
            fields[p.Name] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText();
        }
        return (fields, files, null);
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
        }
    }
}
