namespace DerivBot.Core.Markets;

/// <summary>
/// An exchange instrument name in the venue's canonical upper-case form, e.g. <c>BTCUSDT</c> or <c>1000PEPEUSDT</c>.
/// Resolution of user input ("btc", "BTC", "btcusdt") happens in <c>SymbolResolver</c>, never here.
/// </summary>
public readonly record struct Symbol
{
    public Symbol(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        Value = value.ToUpperInvariant();
    }

    public string Value { get; }

    public override string ToString() => Value;
}
