using FlashSale.Domain.Items;

namespace FlashSale.Projections.DeadLetters;

public sealed class DeadLetterProjection : Projection<DeadLetterRow>
{
    public const string ProjectionName = "dead-letters";

    public override string Name => ProjectionName;

    public override ReadModelTable<DeadLetterRow> Table => DeadLetterTable.Definition;

    public override RowKey? KeyOf(ProjectedEvent @event) => @event.Event switch
    {
        PaymentTimedOut or DeadLetterRetried or DeadLetterRetryFailed or DeadLetterDiscarded or RefundRequired =>
            DeadLetterTable.KeyOf(@event.Event.ItemId, ((OrderEvent)@event.Event).OrderId),
        _ => (RowKey?)null,
    };

    public override DeadLetterRow? Apply(DeadLetterRow? row, ProjectedEvent @event)
    {
        var position = @event.PositionToken;
        return (row, @event.Event) switch
        {
            (null, PaymentTimedOut e) => new DeadLetterRow(e.OrderId, e.ItemId, DeadLetterStates.Open, e.Cause, 1, 0,
                e.TimedOutAt, e.TimedOutAt, null, null, null, null, position),
            // A second payment for a paid order: no failure before it, but an operator has a refund to make.
            (null, RefundRequired e) => new DeadLetterRow(e.OrderId, e.ItemId, DeadLetterStates.RefundRequired, e.Reason, 0, e.Retry,
                e.RequiredAt, e.RequiredAt, null, null, null, null, position, 1, e.PaymentReference),
            (null, _) => null, // operator decisions only ever follow a timeout; nothing to show without one
            (_, PaymentTimedOut e) => row with
            {
                State = DeadLetterStates.Open, Reason = e.Cause, Attempts = row.Attempts + 1, LastFailedAt = e.TimedOutAt, LastPosition = position,
            },
            (_, DeadLetterRetried e) => row with
            {
                State = DeadLetterStates.Retried, Retries = e.Retry, LastRetriedAt = e.RetriedAt, LastActor = e.Actor, LastPosition = position,
            },
            (_, DeadLetterRetryFailed e) => row with
            {
                State = DeadLetterStates.Open, Reason = e.Reason, Attempts = row.Attempts + 1, Retries = e.Retry,
                LastFailedAt = e.FailedAt, LastRetriedAt = e.FailedAt, LastActor = e.Actor, LastPosition = position,
            },
            (_, DeadLetterDiscarded e) => row with
            {
                State = DeadLetterStates.Discarded, DiscardedAt = e.DiscardedAt, DiscardReason = e.Reason, LastActor = e.Actor, LastPosition = position,
            },
            (_, RefundRequired e) => row with
            {
                State = DeadLetterStates.RefundRequired, Refunds = row.Refunds + 1, RefundReference = e.PaymentReference, LastPosition = position,
            },
            _ => row,
        };
    }
}
