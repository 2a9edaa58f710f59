using System.ComponentModel.DataAnnotations;
using Npgsql;

namespace DerivBot.Storage.Postgres;

/// <summary>The shared PostgreSQL database (<c>Storage:Provider</c> = <c>Postgres</c>). Section: <c>Storage</c>.</summary>
public sealed class PostgresStorageOptions : IValidatableObject
{
    public const string Section = "Storage";

    /// <summary>
    /// Npgsql connection string (<c>Storage:ConnectionString</c>), e.g.
    /// <c>Host=db;Port=5432;Database=derivbot;Username=derivbot;Password=…</c>. Every instance of the bot names the
    /// same database. Never logged (it may carry a password).
    /// </summary>
    [Required(ErrorMessage = "Storage:ConnectionString is required with Storage:Provider=Postgres, e.g. \"Host=localhost;Database=derivbot;Username=derivbot;Password=...\".")]
    public string ConnectionString { get; set; } = string.Empty;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield break; // [Required] says it.
        }
        string? problem = null;
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
            if (string.IsNullOrWhiteSpace(builder.Host))
            {
                problem = "it names no Host";
            }
        }
        catch (ArgumentException ex)
        {
            // The message names the offending keyword, never a value (no password leaks into the log).
            problem = ex.Message;
        }
        if (problem is not null)
        {
            yield return new ValidationResult(
                $"Storage:ConnectionString is not a PostgreSQL connection string ({problem}); with Storage:Provider=Postgres use e.g. \"Host=localhost;Database=derivbot;Username=derivbot;Password=...\".",
                [nameof(ConnectionString)]);
        }
    }
}
