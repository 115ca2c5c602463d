using Npgsql;

namespace FlashSale.EventStore.Marten;

public static class MartenConnectionString
{
    /// <summary>Why <paramref name="connectionString"/> cannot open the store, or null when it can be tried. Never
    /// repeats the password.</summary>
    public static string? Problem(string connectionString)
    {
        try
        {
            var parsed = new NpgsqlConnectionStringBuilder(connectionString);
            return string.IsNullOrWhiteSpace(parsed.Host) ? "It names no Host (e.g. Host=localhost;Database=flashsale;Username=flashsale)." : null;
        }
        catch (ArgumentException e)
        {
            return $"It is not an Npgsql connection string (Host=...;Database=...;Username=...;Password=...): {e.Message.Split('\'')[0].Trim()}";
        }
    }

    /// <summary>A PostgreSQL schema name the adapter accepts: lower-case letters, digits and underscores, starting with a letter.</summary>
    public static bool IsValidSchema(string schema) =>
        schema.Length is > 0 and <= 63 && char.IsAsciiLetterLower(schema[0]) &&
        schema.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_');
}
