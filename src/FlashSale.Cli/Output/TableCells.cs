using System.Text.RegularExpressions;

namespace FlashSale.Cli.Output;

/// <summary>What a table column holds, judged from its cells.</summary>
public static partial class TableCells
{
    /// <summary>Every cell is a number, a percentage, a time of day, a duration or a log position (or empty).</summary>
    public static bool IsNumeric(IEnumerable<string?> cells)
    {
        var any = false;
        foreach (var cell in cells)
        {
            if (cell is null or "" or "-" or "?") continue;
            if (!Numeric().IsMatch(cell)) return false;
            any = true;
        }
        return any;
    }

    [GeneratedRegex(@"^[-+]?\d[\d,.:%/-]*$")]
    private static partial Regex Numeric();
}
