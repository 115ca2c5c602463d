using FlashSale.Api.Http;
using FlashSale.Contracts;
using FlashSale.Domain;
using FlashSale.EventStore;
using FlashSale.Api.Queries;
using FlashSale.ReadModels.Audit;
using FlashSale.ReadModels.Queries;

namespace FlashSale.Api.Audit;

/// <summary>A page of the trail, with the paging fields every list has (<see cref="Paged{T}"/>). <see cref="NextFrom"/> is
/// <see cref="NextOffset"/> under the name of an earlier release.</summary>
public sealed record AuditTrailPage(string? ItemId, string? OrderId, IReadOnlyList<AuditEntry> Events, int Limit, int Offset, bool HasMore,
    string? Next, int? NextOffset, long? NextFrom)
{
    public static AuditTrailPage Of(string? itemId, string? orderId, AuditPage page, PageRequest asked, HttpRequest request)
    {
        var read = new ReadPage<AuditEntry>(page.Events, asked.Limit, asked.Offset, page.NextFrom is not null);
        return new(itemId, orderId, page.Events, asked.Limit, asked.Offset, read.HasMore, Paged.NextOf(read, request, TrailQuery.LegacyOffsetName),
            read.NextOffset, read.NextOffset);
    }
}

/// <summary>
/// A page of an item's or an order's history, written as the log is read (the steps are never all in memory), with the
/// paging fields every list has. <see cref="State"/> is the state as of the point (after the history's last step, on
/// every page; null before the first event).
/// </summary>
/// <remarks>The serializer reads the properties in declaration order; those after <see cref="Steps"/> are known only
/// once it has enumerated the steps, which is why they come last.</remarks>
public sealed class History<TRow>(AsOf asOf, HistoryPageStream<TRow> page, string nextLink) where TRow : class
{
    public string? AsOfPosition => asOf.Position?.ToToken();

    public DateTimeOffset? AsOfTime => asOf.Time;

    public IAsyncEnumerable<HistoryStep<TRow>> Steps => page.Steps();

    public TRow? State => page.State;

    public int Limit => page.Page.Limit;

    public int Offset => page.Page.Offset;

    public bool HasMore => page.HasMore;

    public string? Next => page.HasMore ? nextLink : null;

    public int? NextOffset => page.NextOffset;
}

/// <summary>The audit endpoints read the log itself, never a read model: what exists is what the log holds.</summary>
public static class AuditLog
{
    public static async Task<bool> ItemExistsAsync(IEventStore events, string itemId, CancellationToken cancellationToken)
    {
        await foreach (var _ in events.ReadStreamAsync(ItemStreams.For(itemId), 0, 1, cancellationToken)) return true;
        return false;
    }

    public static ProblemResult ItemNotFound(string itemId) =>
        Problems.Create(StatusCodes.Status404NotFound, "Item not found", $"The log holds no events of item '{itemId}'.", DomainErrors.ItemNotFound);

    public static ProblemResult OrderNotFound(string orderId) =>
        Problems.Create(StatusCodes.Status404NotFound, "Order not found", $"The log holds no events of order '{orderId}'.", DomainErrors.OrderNotFound);
}
