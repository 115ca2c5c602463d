using FlashSale.Contracts;

namespace FlashSale.Application.Tests.Serialization;

/// <summary>The writer writes an event's metadata without an <see cref="EventMetadata"/> and adds the append end to the
/// bytes; both must be the serializer's bytes exactly, since event ids are over them (ADR 0033).</summary>
public sealed class MetadataBytesTests
{
    public static TheoryData<string, string, string, DateTimeOffset> Fields() => new()
    {
        { "correlation", "causation", "buyer", new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero) },
        { "0123456789abcdef0123456789abcdef", "", "operator:é", new DateTimeOffset(2030, 6, 1, 1, 2, 3, 456, TimeSpan.FromHours(2)).AddTicks(7) },
        { "quote\"back\\slash", "<script>&'", "line\nbreak\u2028 tab\t", DateTimeOffset.MinValue },
        { "emoji 🛒", "\u0001control", "日本語", DateTimeOffset.MaxValue },
    };

    [Theory]
    [MemberData(nameof(Fields))]
    public void metadata_written_from_its_fields_is_the_serializers_bytes(string correlation, string causation, string actor, DateTimeOffset at)
    {
        var direct = ItemEventSerializer.SerializeMetadata(correlation, causation, actor, at);

        direct.ShouldBe(ItemEventSerializer.SerializeMetadata(new EventMetadata(correlation, causation, actor, at)));
    }

    [Theory]
    [MemberData(nameof(Fields))]
    public void an_append_end_added_to_the_bytes_is_the_serializers_bytes_with_it(string correlation, string causation, string actor, DateTimeOffset at)
    {
        var plain = ItemEventSerializer.SerializeMetadata(correlation, causation, actor, at);

        foreach (var end in new[] { 0L, 1, 42, 1_000_000_007, long.MaxValue })
            ItemEventSerializer.WithAppendEnd(plain, end)
                .ShouldBe(ItemEventSerializer.SerializeMetadata(new EventMetadata(correlation, causation, actor, at, end)), $"append end {end}");
    }

    [Fact]
    public void the_writers_metadata_buffer_is_reused_but_each_answer_is_its_own_array()
    {
        var at = new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);

        var first = ItemEventSerializer.SerializeMetadata("a-much-longer-correlation-id-than-the-next", "c", "buyer", at);
        var copy = first.ToArray();
        var second = ItemEventSerializer.SerializeMetadata("b", "c", "buyer", at);

        first.ShouldBe(copy);
        second.ShouldBe(ItemEventSerializer.SerializeMetadata(new EventMetadata("b", "c", "buyer", at)));
    }
}
