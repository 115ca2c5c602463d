namespace FlashSale.ReadModels.Queries;

/// <summary>
/// The paging rules every list shares, over HTTP and in the CLI: <see cref="Limit"/> rows from <see cref="Offset"/>, a
/// limit from 1 to <see cref="MaxLimit"/> (<see cref="DefaultLimit"/> when none is given), an offset from 0. A reader
/// asks for <see cref="ReadLimit"/> rows, one more than the page, and <see cref="Of{T}"/> turns the extra one into
/// <see cref="ReadPage{T}.HasMore"/>.
/// </summary>
public readonly record struct PageRequest(int Limit, int Offset)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 500;

    /// <summary>So that <c>Offset + Limit</c> (the next page's offset) never overflows.</summary>
    public const int MaxOffset = int.MaxValue - MaxLimit;

    public static PageRequest First { get; } = new(DefaultLimit, 0);

    public int ReadLimit => Limit + 1;

    /// <summary>Why <paramref name="limit"/> cannot be a page size (a sentence naming <paramref name="field"/>), or null.</summary>
    public static string? LimitProblem(string field, long limit) =>
        limit is >= 1 and <= MaxLimit ? null : $"'{field}' must be a whole number from 1 to {MaxLimit}.";

    /// <summary>Why <paramref name="offset"/> cannot start a page (a sentence naming <paramref name="field"/>), or null.</summary>
    public static string? OffsetProblem(string field, long offset) =>
        offset is >= 0 and <= MaxOffset ? null : $"'{field}' must be a whole number from 0 to {MaxOffset}.";

    /// <param name="rows">Up to <see cref="ReadLimit"/> rows read from <see cref="Offset"/>.</param>
    public ReadPage<T> Of<T>(IReadOnlyList<T> rows) => new([.. rows.Take(Limit)], Limit, Offset, rows.Count > Limit);
}

/// <summary>One page of a list. <see cref="HasMore"/>: rows were left out after this page; read on from <see cref="NextOffset"/>.</summary>
public sealed record ReadPage<T>(IReadOnlyList<T> Rows, int Limit, int Offset, bool HasMore)
{
    public int? NextOffset => HasMore ? Offset + Limit : null;
}
