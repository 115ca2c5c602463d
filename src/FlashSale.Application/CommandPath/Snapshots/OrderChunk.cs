using System.Collections.Immutable;
using FlashSale.Domain.Collections;
using FlashSale.Domain.Items;
using FlashSale.EventStore;

namespace FlashSale.Application.CommandPath.Snapshots;

/// <summary>One entry of up to <see cref="SnapshotLayout.ChunkSize"/> order ids: per id a set of flags, then only the fields
/// it has (its record, closed-sale rejection and the positions of its outcomes).</summary>
internal static class OrderChunk
{
    [Flags]
    private enum Has
    {
        Record = 1, Closed = 1 << 1, Placement = 1 << 2, Settlement = 1 << 3, Discard = 1 << 4, Retry = 1 << 5,
        ReservedUntil = 1 << 6, RejectionReason = 1 << 7, PaymentReference = 1 << 8, RetryReservedUntil = 1 << 9,
        ChargeStartedFor = 1 << 10, RefundReferences = 1 << 11, DiscardReason = 1 << 12, OtherOrderId = 1 << 13,
    }

    public static void Write(SnapshotEncoder to, ReadOnlySpan<string> ids, Listed s, Dictionary<string, OrderPositions> positions)
    {
        to.WriteVarint((ulong)ids.Length);
        var (previousId, previousUser) = ("", "");
        foreach (var id in ids)
        {
            var hasOrder = s.Orders.TryGetValue(id, out var order);
            var closed = s.ClosedSaleRejections.TryGetValue(id, out var c) ? c : null;
            var at = positions.GetValueOrDefault(id);
            var has = (hasOrder ? Has.Record : 0) | (closed is null ? 0 : Has.Closed) | (at.Placement is null ? 0 : Has.Placement)
                | (at.Settlement is null ? 0 : Has.Settlement) | (at.Discard is null ? 0 : Has.Discard) | (at.Retry is null ? 0 : Has.Retry);
            if (hasOrder)
                has |= (order.ReservedUntil is null ? 0 : Has.ReservedUntil) | (order.RejectionReason is null ? 0 : Has.RejectionReason)
                    | (order.PaymentReference is null ? 0 : Has.PaymentReference) | (order.RetryReservedUntil is null ? 0 : Has.RetryReservedUntil)
                    | (order.ChargeStartedFor is null ? 0 : Has.ChargeStartedFor) | (order.RefundReferences is null ? 0 : Has.RefundReferences)
                    | (order.DiscardReason is null ? 0 : Has.DiscardReason) | (order.OrderId == id ? 0 : Has.OtherOrderId);
            to.WriteFrontCoded(id, ref previousId);
            to.WriteVarint((ulong)has);
            if (hasOrder)
            {
                if (has.HasFlag(Has.OtherOrderId)) to.WriteString(order.OrderId);
                to.WriteFrontCoded(order.UserId, ref previousUser);
                to.WriteZigzag(order.Quantity);
                to.WriteVarint((ulong)order.Status);
                to.WriteZigzag(order.Retries);
                if (order.ReservedUntil is { } reservedUntil) to.WriteTime(reservedUntil);
                if (order.RejectionReason is { } reason) to.WriteString(reason);
                if (order.PaymentReference is { } reference) to.WriteString(reference);
                if (order.RetryReservedUntil is { } retryUntil) to.WriteTime(retryUntil);
                if (order.ChargeStartedFor is { } charge) to.WriteZigzag(charge);
                if (order.RefundReferences is { } refunds)
                {
                    to.WriteVarint((ulong)refunds.Count);
                    foreach (var refund in refunds.Order(StringComparer.Ordinal)) to.WriteString(refund);
                }
                if (order.DiscardReason is { } discardReason) to.WriteString(discardReason);
            }
            if (closed is not null)
            {
                to.WriteByte(closed.Ended ? (byte)1 : (byte)0);
                to.WriteTime(closed.At);
            }
            foreach (var position in (ReadOnlySpan<LogPosition?>)[at.Placement, at.Settlement, at.Discard, at.Retry])
                if (position is { } p) to.WritePosition(p);
        }
    }

    // Runs once per process, on a cold start: optimized at its first call rather than after tiering.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static void Read(ref SnapshotDecoder from, int expected, SnapshotLoad into)
    {
        var count = from.ReadCount();
        if (count != expected) throw new InvalidDataException($"an order chunk holds {count} orders where its slots say {expected}");
        var (previousId, previousUser) = ("", "");
        for (var i = 0; i < count; i++)
        {
            var id = from.ReadFrontCoded(ref previousId);
            into.Layout.Orders.Add(id);
            var has = (Has)from.ReadVarint();
            if (has.HasFlag(Has.Record))
            {
                var orderId = has.HasFlag(Has.OtherOrderId) ? from.ReadString() : id;
                var (user, quantity, statusCode, retries) = (from.ReadFrontCoded(ref previousUser), from.ReadInt(), from.ReadVarint(), from.ReadInt());
                var status = statusCode <= (ulong)OrderStatus.Discarded ? (OrderStatus)statusCode
                    : throw new InvalidDataException($"order '{id}' has status {statusCode}");
                into.Orders.Add(id, new OrderRecord(orderId, user, quantity, status,
                    has.HasFlag(Has.ReservedUntil) ? from.ReadTime() : null,
                    has.HasFlag(Has.RejectionReason) ? into.Intern(from.ReadString()) : null,
                    has.HasFlag(Has.PaymentReference) ? from.ReadString() : null,
                    retries,
                    has.HasFlag(Has.RetryReservedUntil) ? from.ReadTime() : null,
                    has.HasFlag(Has.ChargeStartedFor) ? from.ReadInt() : null,
                    has.HasFlag(Has.RefundReferences) ? Refunds(ref from) : null,
                    has.HasFlag(Has.DiscardReason) ? from.ReadString() : null));
            }
            if (has.HasFlag(Has.Closed)) into.Closed.Add(id, new SaleClosed(from.ReadByte() != 0, from.ReadTime()));
            if ((has & (Has.Placement | Has.Settlement | Has.Discard | Has.Retry)) == 0) continue;
            into.OrderPositions.Add(id, new OrderPositions(
                has.HasFlag(Has.Placement) ? from.ReadPosition() : null,
                has.HasFlag(Has.Settlement) ? from.ReadPosition() : null,
                has.HasFlag(Has.Discard) ? from.ReadPosition() : null,
                has.HasFlag(Has.Retry) ? from.ReadPosition() : null));
        }
    }

    private static ImmutableHashSet<string> Refunds(ref SnapshotDecoder from)
    {
        var builder = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
        for (var count = from.ReadCount(); count > 0; count--) builder.Add(from.ReadString());
        return builder.ToImmutable();
    }
}
