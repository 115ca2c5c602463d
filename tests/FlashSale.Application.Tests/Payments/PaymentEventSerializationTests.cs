using System.Text;
using FlashSale.Contracts;
using FlashSale.Domain.Items;
using FlashSale.EventStore;

namespace FlashSale.Application.Tests.Payments;

public sealed class PaymentEventSerializationTests
{
    private static readonly DateTimeOffset At = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);

    public static TheoryData<ItemEvent, string> Events => new()
    {
        { new ChargeStarted("item", "o-1", "item/o-1/2", At, 2), "V1.ChargeStarted" },
        { new RefundRequired("item", "o-1", "alice", 2, "psp-late", RefundReasons.LatePayment, At, 1), "V1.RefundRequired" },
    };

    [Theory]
    [MemberData(nameof(Events))]
    public void a_payment_event_round_trips_under_its_stable_name(ItemEvent @event, string storedAs)
    {
        var data = ItemEventSerializer.ToEventData(@event, 9, ReadOnlyMemory<byte>.Empty);

        data.Type.ShouldBe(storedAs);
        var recorded = new RecordedEvent("item-item", 9, new LogPosition(9, 9), data.EventId, data.Type, data.Data, ReadOnlyMemory<byte>.Empty, At);
        ItemEventSerializer.Deserialize(recorded).ShouldBe(@event);
    }

    [Fact]
    public void a_refund_is_stored_with_the_reference_to_refund_and_why()
    {
        var data = ItemEventSerializer.ToEventData(
            new RefundRequired("item", "o-1", "alice", 1, "psp-9", RefundReasons.DuplicatePayment, At), 3, ReadOnlyMemory<byte>.Empty);

        var json = Encoding.UTF8.GetString(data.Data.Span);
        json.ShouldContain("\"paymentReference\":\"psp-9\"");
        json.ShouldContain("\"reason\":\"duplicate_payment\"");
    }
}
