using System.Globalization;

namespace FlashSale.Projections;

/// <summary>Conversions between row fields and the column values the stores hold.</summary>
public static class Values
{
    public static string? Timestamp(DateTimeOffset? value) =>
        value?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    public static DateTimeOffset? ToTimestamp(object? value) =>
        value is null ? null : DateTimeOffset.Parse((string)value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    public static long ToLong(object? value) => Convert.ToInt64(value, CultureInfo.InvariantCulture);

    public static int ToInt(object? value) => Convert.ToInt32(value, CultureInfo.InvariantCulture);

    public static string ToText(object? value) => (string)value!;

    public static string? ToNullableText(object? value) => (string?)value;
}
