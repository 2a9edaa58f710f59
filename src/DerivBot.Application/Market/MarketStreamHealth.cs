using DerivBot.Core.Ports;

namespace DerivBot.Application.Market;

/// <summary>Thread-safe tracker of the market stream's state, fed by <see cref="MarketStore"/>'s stream handler.</summary>
public sealed class MarketStreamHealth
{
    private readonly object _gate = new();
    private StreamState _state = StreamState.Connecting;
    private DateTimeOffset? _since;
    private DateTimeOffset? _lastFrame;
    private string? _detail;
    private long _batches;
    private long _liquidations;

    public MarketStreamHealthView Current
    {
        get
        {
            lock (_gate)
            {
                return new MarketStreamHealthView(_state, _since, _lastFrame, _detail, _batches, _liquidations);
            }
        }
    }

    internal void OnStatus(StreamStatus status)
    {
        lock (_gate)
        {
            _state = status.State;
            _since = status.Time;
            _detail = status.Detail;
        }
    }

    internal void OnMarkPrices(DateTimeOffset at)
    {
        lock (_gate)
        {
            _lastFrame = at;
            _batches++;
        }
    }

    internal void OnLiquidation(DateTimeOffset at)
    {
        lock (_gate)
        {
            _lastFrame = at;
            _liquidations++;
        }
    }
}
