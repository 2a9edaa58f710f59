using DerivBot.Core.Markets;

namespace DerivBot.Application.Commands;

/// <summary>What the user typed matches no perpetual. Carries close matches so the reply can offer them.</summary>
public sealed class SymbolNotFoundException : Exception
{
    public SymbolNotFoundException(string input, IReadOnlyList<Symbol> suggestions)
        : base($"No perpetual matches '{input}'.")
    {
        Input = input;
        Suggestions = suggestions;
    }

    public SymbolNotFoundException()
        : this(string.Empty, [])
    {
    }

    public SymbolNotFoundException(string message, Exception inner)
        : base(message, inner)
    {
        Input = string.Empty;
        Suggestions = [];
    }

    public string Input { get; }

    public IReadOnlyList<Symbol> Suggestions { get; }
}
