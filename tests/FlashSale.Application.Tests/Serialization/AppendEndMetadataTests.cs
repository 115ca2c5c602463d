using System.Text;
using FlashSale.Contracts;
using FlashSale.EventStore;

namespace FlashSale.Application.Tests.Serialization;

/// <summary>The revision an event's command was answered at (ADR 0023) is stored in its metadata only when it is a later
/// event's; metadata stored before it, or without it, names the event's own revision.</summary>
public sealed class AppendEndMetadataTests
{
    private static readonly DateTimeOffset At = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void the_append_end_round_trips_through_the_metadata()
    {
        var metadata = new EventMetadata("correlation", "causation", "buyer", At, AppendEnd: 42);

        var bytes = ItemEventSerializer.SerializeMetadata(metadata);

        Encoding.UTF8.GetString(bytes).ShouldContain("\"appendEnd\":42");
        ItemEventSerializer.DeserializeMetadata(Recorded(bytes, revision: 40)).ShouldBe(metadata);
        ItemEventSerializer.AppendEndOf(Recorded(bytes, revision: 40)).ShouldBe(42);
    }

    [Fact]
    public void metadata_without_an_append_end_is_stored_without_the_field_and_names_the_events_own_revision()
    {
        var bytes = ItemEventSerializer.SerializeMetadata(new EventMetadata("correlation", "causation", "buyer", At));

        Encoding.UTF8.GetString(bytes).ShouldNotContain("appendEnd");
        ItemEventSerializer.AppendEndOf(Recorded(bytes, revision: 7)).ShouldBe(7);
    }

    [Fact]
    public void metadata_stored_before_the_field_existed_reads_with_none()
    {
        var old = """{"correlationId":"c","causationId":"c","actor":"buyer","timestamp":"2030-01-01T12:00:00+00:00"}"""u8.ToArray();

        ItemEventSerializer.DeserializeMetadata(Recorded(old, revision: 3))!.AppendEnd.ShouldBeNull();
        ItemEventSerializer.AppendEndOf(Recorded(old, revision: 3)).ShouldBe(3);
    }

    [Fact]
    public void an_event_without_metadata_or_with_unreadable_metadata_names_its_own_revision()
    {
        ItemEventSerializer.AppendEndOf(Recorded([], revision: 5)).ShouldBe(5);
        ItemEventSerializer.AppendEndOf(Recorded("not json"u8.ToArray(), revision: 5)).ShouldBe(5);
    }

    private static RecordedEvent Recorded(byte[] metadata, long revision) =>
        new("item-item", revision, new LogPosition(1, 1), Guid.NewGuid(), "V1.StockAdded", "{}"u8.ToArray(), metadata, At);
}
