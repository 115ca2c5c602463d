namespace FlashSale.Api.Queries;

/// <summary>One page of a list. <see cref="Next"/> is the link to the following page, absent on the last one;
/// <see cref="Position"/> is the read model's checkpoint the page reflects.</summary>
public sealed record Paged<T>(IReadOnlyList<T> Items, int Limit, int Offset, string? Next, string? Position);

public static class Paged
{
    /// <param name="rows">Up to <c>page.Limit + 1</c> rows: the extra one only says that there is a next page.</param>
    public static Paged<T> Of<T>(IReadOnlyList<T> rows, Page page, HttpRequest request, string? position) =>
        new([.. rows.Take(page.Limit)], page.Limit, page.Offset, rows.Count > page.Limit ? page.NextLink(request) : null, position);
}
