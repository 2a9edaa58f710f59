using DerivBot.Core.Markets;
using DerivBot.Core.Signals;

namespace DerivBot.Application.Alerts;

/// <summary>Classifies a snapshot into the quadrant model (adapted by the lead to the signals engine).</summary>
public interface IQuadrantClassifier
{
    QuadrantState Classify(MarketSnapshot snapshot, DateTimeOffset now);
}
