using System.Globalization;

namespace FlashSale.Cli.Output;

/// <summary>How values read in human output (JSON keeps the full values).</summary>
public static class Show
{
    public static string? Time(DateTimeOffset? value) =>
        value?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Time of day for today (UTC), date and minute otherwise.</summary>
    public static string? ShortTime(DateTimeOffset? value) => value?.UtcDateTime is not { } t ? null
        : t.Date == DateTime.UtcNow.Date ? t.ToString("HH:mm:ss", CultureInfo.InvariantCulture)
        : t.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Number(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Percent(double fraction) => (fraction * 100).ToString("F0", CultureInfo.InvariantCulture) + "%";

    public static string Duration(TimeSpan? value) => value is not { } d ? "?"
        : d.TotalHours >= 1 ? d.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture)
        : d.ToString(@"m\:ss", CultureInfo.InvariantCulture);

    public static string? Value(object? value) => value switch
    {
        null => null,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
