namespace DerivBot.Application.Subscriptions;

/// <summary>
/// What an add request means against a chat's current subscriptions — the part every store shares (only the SQL to
/// read and insert differs): requests already subscribed are <see cref="Existing"/>, the rest (each once) are
/// <see cref="ToAdd"/>, and <see cref="OverLimit"/> when adding them would pass the chat's limit.
/// </summary>
public sealed record SubscriptionAddPlan(IReadOnlyList<Subscription> Existing, IReadOnlyList<NewSubscription> ToAdd, bool OverLimit)
{
    public static SubscriptionAddPlan For(IReadOnlyList<Subscription> current, IReadOnlyList<NewSubscription> requested, int limit)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(requested);
        var existing = new List<Subscription>();
        var toAdd = new List<NewSubscription>();
        foreach (var s in requested)
        {
            var match = current.FirstOrDefault(e => e.Symbol == s.Symbol && e.Kind == s.Kind && e.Schedule == s.Schedule);
            if (match is not null)
            {
                existing.Add(match);
            }
            else if (!toAdd.Any(a => a.Symbol == s.Symbol && a.Kind == s.Kind && a.Schedule == s.Schedule))
            {
                toAdd.Add(s);
            }
        }
        return new SubscriptionAddPlan(existing, toAdd, current.Count + toAdd.Count > limit);
    }
}
