using FlashSale.Contracts;
using System.Text;
using FlashSale.Domain.Items;
using FlashSale.EventStore;

namespace FlashSale.Application.Tests.Serialization;

/// <summary>Events stored before operator retries existed have no <c>retry</c> field; they are the first occurrence.</summary>
public sealed class RetryNumberSerializationTests
{
    private static readonly DateTimeOffset At = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("V1.StockReserved", """{"itemId":"item","orderId":"o-1","userId":"alice","quantity":2,"reservedUntil":"2030-01-01T12:00:00+00:00"}""")]
    [InlineData("V1.PaymentTimedOut", """{"itemId":"item","orderId":"o-1","cause":"gateway_timeout","timedOutAt":"2030-01-01T12:00:00+00:00"}""")]
    [InlineData("V1.StockReleased", """{"itemId":"item","orderId":"o-1","userId":"alice","quantity":2,"releasedAt":"2030-01-01T12:00:00+00:00"}""")]
    public void an_event_stored_without_a_retry_number_reads_as_retry_zero(string type, string json)
    {
        var @event = ItemEventSerializer.Deserialize(Recorded(type, json));

        var repeatable = @event.ShouldBeAssignableTo<IRepeatableOrderEvent>().ShouldNotBeNull();
        repeatable.Retry.ShouldBe(0);
        ((OrderEvent)@event!).OrderId.ShouldBe("o-1");
    }

    [Fact]
    public void an_old_stock_reserved_reads_exactly_as_the_event_written_today()
    {
        var json = """{"itemId":"item","orderId":"o-1","userId":"alice","quantity":2,"reservedUntil":"2030-01-01T12:00:00+00:00"}""";

        ItemEventSerializer.Deserialize(Recorded("V1.StockReserved", json)).ShouldBe(new StockReserved("item", "o-1", "alice", 2, At));
    }

    [Fact]
    public void a_retried_reservation_round_trips_its_retry_number()
    {
        var retried = new StockReserved("item", "o-1", "alice", 2, At, Retry: 3);
        var data = ItemEventSerializer.ToEventData(retried, 7, ReadOnlyMemory<byte>.Empty);

        Encoding.UTF8.GetString(data.Data.Span).ShouldContain("\"retry\":3");
        ItemEventSerializer.Deserialize(Recorded(data.Type, Encoding.UTF8.GetString(data.Data.Span))).ShouldBe(retried);
    }

    [Fact]
    public void the_first_and_the_retried_reservation_of_an_order_have_different_ids()
    {
        var first = new StockReserved("item", "o-1", "alice", 2, At);
        var retried = first with { ReservedUntil = At.AddMinutes(10), Retry = 1 };
        var second = first with { ReservedUntil = At.AddMinutes(20), Retry = 2 };

        var ids = new[] { first, retried, second }.Select(e => IdOf(e, 5)).ToList();

        ids.Distinct().Count().ShouldBe(3);
        IdOf(retried, 5).ShouldBe(ids[1], "ids are deterministic: the same event re-sent keeps its id");
        IdOf(retried with { ReservedUntil = At.AddHours(1) }, 5).ShouldNotBe(ids[1], "ids identify the content");
        IdOf(new PaymentTimedOut("item", "o-1", "deadline_passed", At, 1), 5)
            .ShouldNotBe(IdOf(new PaymentTimedOut("item", "o-1", "deadline_passed", At), 5));
    }

    private static Guid IdOf(ItemEvent @event, long revision) =>
        ItemEventSerializer.ToEventData(@event, revision, ReadOnlyMemory<byte>.Empty).EventId;

    private static RecordedEvent Recorded(string type, string json) =>
        new("item-item", 1, new LogPosition(1, 1), Guid.NewGuid(), type, Encoding.UTF8.GetBytes(json), ReadOnlyMemory<byte>.Empty, At);
}
