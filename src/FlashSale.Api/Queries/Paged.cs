using FlashSale.ReadModels.Queries;

namespace FlashSale.Api.Queries;

/// <summary>
/// One page of a list, the shape every list answers with (lists that carry more, such as an audit trail, add their own
/// fields to these): <see cref="HasMore"/> says rows were left out, <see cref="Next"/> is the link to the following page
/// and <see cref="NextOffset"/> its offset (both null on the last page); <see cref="Position"/> is the read model's
/// checkpoint the page reflects (null for lists read from the log).
/// </summary>
public sealed record Paged<T>(IReadOnlyList<T> Items, int Limit, int Offset, bool HasMore, string? Next, int? NextOffset, string? Position);

public static class Paged
{
    public static Paged<T> Of<T>(ReadPage<T> page, HttpRequest request, string? position) => Of(page, page.Rows, request, position);

    /// <param name="items">The page's rows as the answer shows them.</param>
    public static Paged<TView> Of<TRow, TView>(ReadPage<TRow> page, IReadOnlyList<TView> items, HttpRequest request, string? position) =>
        new(items, page.Limit, page.Offset, page.HasMore, NextOf(page, request), page.NextOffset, position);

    public static string? NextOf<T>(ReadPage<T> page, HttpRequest request, params string[] replaced) =>
        page.HasMore ? new PageRequest(page.Limit, page.Offset).NextLink(request, replaced) : null;
}
