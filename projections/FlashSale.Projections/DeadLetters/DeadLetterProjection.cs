using FlashSale.Domain.Items;

namespace FlashSale.Projections.DeadLetters;

public sealed class DeadLetterProjection : Projection<DeadLetterRow>
{
    public const string ProjectionName = "dead-letters";

    public override string Name => ProjectionName;

    public override ReadModelTable Table { get; } = new("dead_letters",
    [
        new("order_id", ColumnType.Text), new("item_id", ColumnType.Text), new("state", ColumnType.Text),
        new("reason", ColumnType.Text), new("attempts", ColumnType.Integer), new("retries", ColumnType.Integer),
        new("first_failed_at", ColumnType.Timestamp), new("last_failed_at", ColumnType.Timestamp),
        new("last_retried_at", ColumnType.Timestamp, Nullable: true), new("discarded_at", ColumnType.Timestamp, Nullable: true),
        new("discard_reason", ColumnType.Text, Nullable: true), new("last_actor", ColumnType.Text, Nullable: true),
        new("last_position", ColumnType.Text),
    ], [["state", "first_failed_at"], ["item_id", "first_failed_at"]]);

    public override string? KeyOf(ProjectedEvent @event) => @event.Event switch
    {
        PaymentTimedOut or DeadLetterRetried or DeadLetterRetryFailed or DeadLetterDiscarded => ((OrderEvent)@event.Event).OrderId,
        _ => null,
    };

    public override DeadLetterRow? Apply(DeadLetterRow? row, ProjectedEvent @event)
    {
        var position = @event.Position.ToToken();
        return (row, @event.Event) switch
        {
            (null, PaymentTimedOut e) => new DeadLetterRow(e.OrderId, e.ItemId, DeadLetterStates.Open, e.Cause, 1, 0,
                e.TimedOutAt, e.TimedOutAt, null, null, null, null, position),
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
            _ => row,
        };
    }

    public override object?[] ToValues(DeadLetterRow r) =>
    [
        r.OrderId, r.ItemId, r.State, r.Reason, (long)r.Attempts, (long)r.Retries, Values.Timestamp(r.FirstFailedAt),
        Values.Timestamp(r.LastFailedAt), Values.Timestamp(r.LastRetriedAt), Values.Timestamp(r.DiscardedAt),
        r.DiscardReason, r.LastActor, r.LastPosition,
    ];

    public override DeadLetterRow FromValues(IReadOnlyList<object?> v) => new(
        Values.ToText(v[0]), Values.ToText(v[1]), Values.ToText(v[2]), Values.ToText(v[3]), Values.ToInt(v[4]), Values.ToInt(v[5]),
        Values.ToTimestamp(v[6])!.Value, Values.ToTimestamp(v[7])!.Value, Values.ToTimestamp(v[8]), Values.ToTimestamp(v[9]),
        Values.ToNullableText(v[10]), Values.ToNullableText(v[11]), Values.ToText(v[12]));
}
