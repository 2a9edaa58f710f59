using DerivBot.Telegram.Api;
using Telegram.Bot.Exceptions;

namespace DerivBot.Telegram.Sending;

/// <summary>What waits in the queue: a lane per chat (its buckets, hold and FIFO of items) and the items themselves,
/// which absorb a 429 by asking for a hold and a requeue.</summary>
public sealed partial class TelegramSendQueue
{
    private sealed class Lane(string chatId, TokenBucket chat, TokenBucket? group)
    {
        public string ChatId { get; } = chatId;
        public TokenBucket Chat { get; } = chat;
        public TokenBucket? Group { get; } = group;
        public LinkedList<WorkItem> Items { get; } = new();
        public DateTimeOffset HeldUntil { get; set; }
        public bool Busy { get; set; }
        public bool Scheduled { get; set; }
        public bool InReplyQueue { get; set; }
        public long Version { get; set; }

        /// <summary>Reply items waiting in this lane (the lane is urgent while any is).</summary>
        public int Replies { get; private set; }

        public void Add(WorkItem item, bool first)
        {
            if (first)
            {
                Items.AddFirst(item);
            }
            else
            {
                Items.AddLast(item);
            }
            Replies += item.IsReply ? 1 : 0;
        }

        public WorkItem TakeFirst()
        {
            var item = Items.First!.Value;
            Items.RemoveFirst();
            Replies -= item.IsReply ? 1 : 0;
            return item;
        }

        public void Clear()
        {
            Items.Clear();
            Replies = 0;
        }

        public DateTimeOffset ReadyAt(DateTimeOffset now)
        {
            var at = Chat.ReadyAt(now);
            if (Group is not null)
            {
                var g = Group.ReadyAt(now);
                at = g > at ? g : at;
            }
            return HeldUntil > at ? HeldUntil : at;
        }

        public bool IsIdle(DateTimeOffset now) =>
            !Busy && Items.Count == 0 && HeldUntil <= now && Chat.IsFull(now) && (Group?.IsFull(now) ?? true);
    }

    private abstract class WorkItem(bool isReply)
    {
        public bool IsReply { get; } = isReply;
        public long Seq { get; set; }
        public abstract bool IsCompleted { get; }
        public abstract Task<(TimeSpan? Hold, bool Requeue)> ExecuteAsync();
        public abstract void Abandon();
    }

    private sealed class WorkItem<T> : WorkItem
    {
        private readonly Func<CancellationToken, Task<T>> _operation;
        private readonly CancellationToken _cancellationToken;
        private readonly int _maxRetries;
        private readonly TaskCompletionSource<T> _tcs = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly CancellationTokenRegistration _registration;
        private int _rateLimited;

        public WorkItem(Func<CancellationToken, Task<T>> operation, int maxRetries, bool isReply, CancellationToken cancellationToken)
            : base(isReply)
        {
            _operation = operation;
            _cancellationToken = cancellationToken;
            _maxRetries = maxRetries;
            _registration = cancellationToken.Register(() => _tcs.TrySetCanceled(cancellationToken));
        }

        public Task<T> Task => _tcs.Task;

        public override bool IsCompleted => _tcs.Task.IsCompleted;

        public override void Abandon()
        {
            _tcs.TrySetException(new ObjectDisposedException(nameof(TelegramSendQueue), "The Telegram send queue stopped before this message was sent."));
            _registration.Dispose();
        }

        public override async Task<(TimeSpan? Hold, bool Requeue)> ExecuteAsync()
        {
            try
            {
                var result = await _operation(_cancellationToken).ConfigureAwait(false);
                _tcs.TrySetResult(result);
                _registration.Dispose();
                return (null, false);
            }
            catch (ApiRequestException ex) when (ex.ErrorCode == 429)
            {
                var hold = ex.RetryAfter() ?? TimeSpan.FromSeconds(1);
                if (++_rateLimited <= _maxRetries)
                {
                    return (hold, true);
                }
                _tcs.TrySetException(ex);
                _registration.Dispose();
                return (hold, false);
            }
            catch (OperationCanceledException) when (_cancellationToken.IsCancellationRequested)
            {
                _tcs.TrySetCanceled(_cancellationToken);
                _registration.Dispose();
                return (null, false);
            }
            catch (Exception ex)
            {
                _tcs.TrySetException(ex);
                _registration.Dispose();
                return (null, false);
            }
        }
    }
}
