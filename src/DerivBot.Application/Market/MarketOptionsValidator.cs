using Microsoft.Extensions.Options;

namespace DerivBot.Application.Market;

/// <summary>Validates <see cref="MarketOptions"/> with messages that name the configuration key.</summary>
internal sealed class MarketOptionsValidator : IValidateOptions<MarketOptions>
{
    public ValidateOptionsResult Validate(string? name, MarketOptions options)
    {
        var errors = new List<string>();
        void Check(bool ok, string message)
        {
            if (!ok)
            {
                errors.Add(message);
            }
        }

        Check(options.HistoryDepth >= TimeSpan.FromHours(1) && options.HistoryDepth <= TimeSpan.FromDays(30),
            "Market:HistoryDepth must be between 01:00:00 and 30.00:00:00 (Binance keeps 30 days of statistics).");
        Check(options.FundingHistoryDepth >= TimeSpan.FromHours(8) && options.FundingHistoryDepth <= TimeSpan.FromDays(365),
            "Market:FundingHistoryDepth must be between 08:00:00 and 365.00:00:00.");
        Check(Enum.IsDefined(options.StatisticsPeriod), "Market:StatisticsPeriod must be one of M5, M15, M30, H1, H2, H4, H6, H12, D1.");
        Check(Enum.IsDefined(options.KlineInterval), "Market:KlineInterval must be one of M1 … D1.");
        Check(options.PredictedSampleInterval >= TimeSpan.FromSeconds(10) && options.PredictedSampleInterval <= TimeSpan.FromHours(1),
            "Market:PredictedSampleInterval must be between 00:00:10 and 01:00:00.");
        Check(options.LiquidationsPerSymbol is >= 10 and <= 1_000_000, "Market:LiquidationsPerSymbol must be between 10 and 1000000.");
        Check(options.LiquidationRetention >= TimeSpan.FromMinutes(10) && options.LiquidationRetention <= TimeSpan.FromDays(30),
            "Market:LiquidationRetention must be between 00:10:00 and 30.00:00:00.");
        Check(options.TopN is >= 0 and <= 1000, "Market:TopN must be between 0 and 1000.");
        Check(options.WarmLease >= TimeSpan.FromMinutes(1) && options.WarmLease <= TimeSpan.FromDays(1),
            "Market:WarmLease must be between 00:01:00 and 1.00:00:00.");
        Check(options.MetadataRefreshInterval >= TimeSpan.FromMinutes(1) && options.MetadataRefreshInterval <= TimeSpan.FromDays(1),
            "Market:MetadataRefreshInterval must be between 00:01:00 and 1.00:00:00.");
        Check(options.MaxConcurrentSymbols is >= 1 and <= 64, "Market:MaxConcurrentSymbols must be between 1 and 64.");
        Check(options.StreamRestartDelay >= TimeSpan.FromMilliseconds(100) && options.StreamRestartDelay <= TimeSpan.FromMinutes(10),
            "Market:StreamRestartDelay must be between 00:00:00.1 and 00:10:00.");
        Check(options.RefreshInterval >= TimeSpan.FromSeconds(5) && options.RefreshInterval <= TimeSpan.FromHours(1),
            "Jobs:RefreshInterval must be between 00:00:05 and 01:00:00.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
