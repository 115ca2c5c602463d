using System.Globalization;

namespace FlashSale.Projections;

/// <summary>Conversions between row fields and the column values the stores hold.</summary>
public static class Values
{
    /// <summary>Round-trip ("O") format of the UTC time, e.g. <c>2026-11-27T09:00:00.1234567Z</c>: exact, sortable as
    /// text, and the runtime's fast formatting path (a rebuild formats millions of these).</summary>
    public static string? Timestamp(DateTimeOffset? value) => value?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    public static DateTimeOffset? ToTimestamp(object? value) =>
        value is null ? null : DateTimeOffset.ParseExact((string)value, "O", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    public static long ToLong(object? value) => Convert.ToInt64(value, CultureInfo.InvariantCulture);

    public static int ToInt(object? value) => Convert.ToInt32(value, CultureInfo.InvariantCulture);

    public static string ToText(object? value) => (string)value!;

    public static string? ToNullableText(object? value) => (string?)value;
}
