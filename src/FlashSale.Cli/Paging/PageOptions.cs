using System.CommandLine;
using System.Globalization;
using FlashSale.ReadModels.Queries;

namespace FlashSale.Cli.Paging;

/// <summary>--limit and --offset of a list that can grow. Bad values are usage errors (exit 2), found before any
/// store is opened, worded as the query API words them.</summary>
public sealed class PageOptions
{
    /// <summary>The most steps of a history one run streams: an auditor reads a long history page by page, each page
    /// replayed from the start, so its pages are larger than a list's.</summary>
    public const int MaxStreamedLimit = 100_000;

    private PageOptions(int defaultLimit, int maxLimit, string rows, Func<string, long, string?> limitProblem)
    {
        Limit = new Option<int>("--limit")
        {
            Description = $"At most this many {rows} (1-{maxLimit.ToString("N0", CultureInfo.InvariantCulture)}, default {defaultLimit}).",
            DefaultValueFactory = _ => defaultLimit,
        };
        Limit.Validators.Add(result =>
        {
            if (limitProblem(Limit.Name, result.GetValueOrDefault<int>()) is { } problem) result.AddError(problem);
        });
        Offset = new Option<int>("--offset")
        {
            Description = $"Skip this many {rows} first (the 'next' offset of the previous page).",
            DefaultValueFactory = _ => 0,
        };
        Offset.Validators.Add(result =>
        {
            if (PageRequest.OffsetProblem(Offset.Name, result.GetValueOrDefault<int>()) is { } problem) result.AddError(problem);
        });
    }

    /// <summary>A list's page, by the rules of the query API's lists (<see cref="PageRequest"/>: 1-500 rows, 100 by default).</summary>
    public static PageOptions List(string rows) => new(PageRequest.DefaultLimit, PageRequest.MaxLimit, rows, PageRequest.LimitProblem);

    /// <summary>A streamed history's page: up to <see cref="MaxStreamedLimit"/> steps.</summary>
    public static PageOptions Streamed(int defaultLimit, string rows) => new(defaultLimit, MaxStreamedLimit, rows,
        (field, limit) => limit is >= 1 and <= MaxStreamedLimit ? null : $"'{field}' must be a whole number from 1 to {MaxStreamedLimit}.");

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
