namespace FlashSale.Cli.Output;

/// <summary>
/// Column widths for a table wider than the terminal: numeric columns (numbers, times, positions) keep the width of
/// their widest value, so no number is ever split over two lines, and text columns share what is left and wrap.
/// A table that fits is left to Spectre's own layout.
/// </summary>
public static class TableLayout
{
    private const int TextMinimum = 6;

    /// <returns>A width per column, or null when the table fits as it is (or cannot fit even at the minimums).</returns>
    public static int[]? Widths(IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string?>> rows, IReadOnlyList<bool> numeric,
        int consoleWidth)
    {
        var count = headers.Count;
        // A rounded border with default padding: one border and two padding characters per column, one border at the end.
        var room = consoleWidth - (3 * count) - 1;
        var widest = Enumerable.Range(0, count).Select(i => rows.Select(r => (r[i] ?? "-").Length).DefaultIfEmpty(1).Max()).ToArray();
        var natural = Enumerable.Range(0, count).Select(i => Math.Max(widest[i], headers[i].Length)).ToArray();
        if (natural.Sum() <= room) return null;
        var widths = Enumerable.Range(0, count).Select(i => numeric[i] ? widest[i] : Math.Min(natural[i], TextMinimum)).ToArray();
        if (widths.Sum() > room) return null;
        // What is left goes first to the headers of numeric columns, then to the text columns, a column at a time.
        Grow(widths, natural, room, Enumerable.Range(0, count).Where(i => numeric[i]));
        Grow(widths, natural, room, Enumerable.Range(0, count).Where(i => !numeric[i]));
        return widths;
    }

    private static void Grow(int[] widths, int[] natural, int room, IEnumerable<int> columns)
    {
        var candidates = columns.ToList();
        while (widths.Sum() < room && candidates.Any(i => widths[i] < natural[i]))
            foreach (var i in candidates.Where(i => widths[i] < natural[i]))
            {
                if (widths.Sum() >= room) return;
                widths[i]++;
            }
    }
}
