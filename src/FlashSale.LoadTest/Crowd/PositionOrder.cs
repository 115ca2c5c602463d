namespace FlashSale.LoadTest.Crowd;

/// <summary>Orders the API's opaque position tokens ("17", or "commit/prepare" on EventStoreDB) by their numbers, so
/// the run reads its models at the latest position any answer carried; a token of another shape is taken as is.</summary>
public static class PositionOrder
{
    public static string? Later(string? a, string? b)
    {
        if (a is null) return b;
        if (b is null) return a;
        var (x, y) = (Numbers(a), Numbers(b));
        if (x is null || y is null) return b;
        for (var i = 0; i < Math.Min(x.Length, y.Length); i++)
            if (x[i] != y[i]) return x[i] > y[i] ? a : b;
        return x.Length >= y.Length ? a : b;
    }

    private static ulong[]? Numbers(string token)
    {
        var parts = token.Split('/');
        var numbers = new ulong[parts.Length];
        for (var i = 0; i < parts.Length; i++)
            if (!ulong.TryParse(parts[i], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out numbers[i]))
                return null;
        return numbers;
    }
}
