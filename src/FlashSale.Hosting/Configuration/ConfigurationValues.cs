using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;

namespace FlashSale.Hosting.Configuration;

/// <summary>Configuration values as an operator may see them: secrets masked, connection strings without passwords.</summary>
public static partial class ConfigurationValues
{
    /// <summary>The sections of this application; <c>config show</c> lists these and nothing of the rest of the environment.
    /// Every options class's <c>Section</c> (API and CLI alike) must be here: tests/FlashSale.Cli.Tests finds them by reflection.</summary>
    public static readonly string[] Sections =
    [
        "urls", "Roles", "Storage", "EventStore", "ReadStore", "ReadModels", "Projector", "CommandPath", "Sales", "Payments", "Operators",
        "Buyers", "RateLimiting", "Cors", "Docs", "Metrics", "Health", "Shutdown", "Restart", "Logging",
    ];

    public const string Masked = "***";

    public static string Mask(string key, string? value)
    {
        if (value is null) return "(not set)";
        var name = key[(key.LastIndexOf(':') + 1)..];
        if (name.Contains("Secret", StringComparison.OrdinalIgnoreCase) || name.EndsWith("Key", StringComparison.OrdinalIgnoreCase) ||
            name.Contains("Password", StringComparison.OrdinalIgnoreCase))
            return value.Length == 0 ? value : Masked;
        return name.Contains("ConnectionString", StringComparison.OrdinalIgnoreCase)
            ? UriPassword().Replace(KeywordPassword().Replace(value, "$1" + Masked), "$1" + Masked + "@")
            : value;
    }

    /// <summary>The effective value of every key of this application's sections, masked, sorted by key.</summary>
    public static IEnumerable<KeyValuePair<string, string>> Effective(IConfiguration configuration) =>
        configuration.AsEnumerable()
            .Where(kv => kv.Value is not null && Sections.Any(s => kv.Key.Equals(s, StringComparison.OrdinalIgnoreCase) ||
                kv.Key.StartsWith(s + ":", StringComparison.OrdinalIgnoreCase)))
            .Select(kv => KeyValuePair.Create(kv.Key, Mask(kv.Key, kv.Value)))
            .OrderBy(kv => kv.Key, StringComparer.OrdinalIgnoreCase);

    /// <summary>Adds the configured value of the key a validation message starts with, unless the message quotes it.</summary>
    public static string WithValue(string message, IConfiguration configuration)
    {
        var key = LeadingKey().Match(message);
        if (!key.Success || configuration[key.Value] is not { } value) return message;
        var shown = Mask(key.Value, value);
        return message.Contains($"'{value}'", StringComparison.Ordinal) && shown == value ? message : $"{message} (configured: '{shown}')";
    }

    [GeneratedRegex(@"((?:^|;)\s*(?:Password|Pwd)\s*=)[^;]*", RegexOptions.IgnoreCase)]
    private static partial Regex KeywordPassword();

    [GeneratedRegex(@"(://[^:/@]+:)[^@]*@")]
    private static partial Regex UriPassword();

    [GeneratedRegex(@"^[A-Za-z]+(?::[A-Za-z]+)+")]
    private static partial Regex LeadingKey();
}
