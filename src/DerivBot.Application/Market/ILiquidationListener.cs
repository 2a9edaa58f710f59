using DerivBot.Core.Markets;

namespace DerivBot.Application.Market;

/// <summary>
/// Real-time liquidation callback (e.g. the alert engine). Every registered listener is invoked once per liquidation
/// the market stream delivers, for every symbol, on the stream's reader thread: keep it quick and non-blocking
/// (hand work to a channel). A listener that throws is logged and does not affect the others or the store.
/// </summary>
public interface ILiquidationListener
{
    void OnLiquidation(Liquidation liquidation);
}
