using System.CommandLine;
using System.Globalization;

namespace FlashSale.Cli.Paging;

/// <summary>--limit and --offset of a list that can grow. Bad values are usage errors (exit 2), found before any
/// store is opened.</summary>
public sealed class PageOptions
{
    public const int MaxLimit = 100_000;

    public PageOptions(int defaultLimit, string rows)
    {
        Limit = new Option<int>("--limit")
        {
            Description = $"At most this many {rows} (1-{MaxLimit.ToString("N0", CultureInfo.InvariantCulture)}).",
            DefaultValueFactory = _ => defaultLimit,
        };
        Limit.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<int>();
            if (value is < 1 or > MaxLimit) result.AddError($"--limit must be between 1 and {MaxLimit} (got {value}).");
        });
        Offset = new Option<int>("--offset")
        {
            Description = $"Skip this many {rows} first (the 'next' offset of the previous page).",
            DefaultValueFactory = _ => 0,
        };
        Offset.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<int>();
            if (value < 0) result.AddError($"--offset must be 0 or more (got {value}).");
        });
    }

    public Option<int> Limit { get; }

    public Option<int> Offset { get; }

    public void AddTo(Command command)
    {
        command.Options.Add(Limit);
        command.Options.Add(Offset);
    }

    public Page Read(ParseResult parsed) => new(parsed.GetValue(Limit), parsed.GetValue(Offset));
}

/// <summary>Which rows of a list a command shows.</summary>
public sealed record Page(int Limit, int Offset)
{
    /// <summary>The offset of the next page when rows were left out after this one, else null.</summary>
    public int? Next(int shown, bool more) => more ? Offset + shown : null;

    /// <summary>What an operator reading a table is told about rows not shown (null when nothing was left out).</summary>
    public string? LeftOut(string rows, int shown, bool more)
    {
        if (more) return $"Showing {rows} {Offset + 1}-{Offset + shown}; more follow: --offset {Offset + shown}.";
        if (shown == 0 && Offset > 0) return $"No {rows} at --offset {Offset}: the list ends before it.";
        return Offset > 0 ? $"Showing {rows} {Offset + 1}-{Offset + shown} (the first {Offset} left out by --offset)." : null;
    }
}
