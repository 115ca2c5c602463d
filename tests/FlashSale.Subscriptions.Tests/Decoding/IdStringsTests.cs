using System.Text;
using System.Text.Json;
using FlashSale.Contracts;
using FlashSale.Domain.Items;

namespace FlashSale.Subscriptions.Tests.Decoding;

/// <summary>The ids decoded from JSON on every order share one instance per recent value (ADR 0041), and every value
/// reads as <see cref="Utf8JsonReader.GetString"/> reads it: escaped, non-ASCII, long, empty and colliding values alike.</summary>
public sealed class IdStringsTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    private static string? Read(string json)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        reader.Read();
        return IdStrings.FromReader(ref reader);
    }

    private static string? ReadWithReader(string json)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        reader.Read();
        return reader.GetString();
    }

    [Fact]
    public void an_id_read_twice_is_one_instance_and_another_id_is_another()
    {
        var first = Read("\"order-41-a\"");
        var second = Read("\"order-41-a\"");
        first.ShouldBe("order-41-a");
        ReferenceEquals(first, second).ShouldBeTrue();
        Read("\"order-41-b\"").ShouldBe("order-41-b");
    }

    [Theory]
    [InlineData("\"\"")]
    [InlineData("\"\\u0041bc\"")]
    [InlineData("\"caf\u00e9-1\"")]
    [InlineData("\"\\\"quoted\\\"\"")]
    [InlineData("\"emoji-\ud83d\ude00\"")]
    [InlineData("null")]
    public void every_value_reads_as_the_reader_reads_it(string json)
    {
        Read(json).ShouldBe(ReadWithReader(json));
        Read(json).ShouldBe(ReadWithReader(json), "and again, from the table where it is kept");
    }

    [Fact]
    public void a_value_longer_than_an_id_reads_whole()
    {
        var longValue = new string('x', IdStrings.MaxLength + 1);
        Read($"\"{longValue}\"").ShouldBe(longValue);
        Read($"\"{longValue[..IdStrings.MaxLength]}\"").ShouldBe(longValue[..IdStrings.MaxLength]);
    }

    [Fact]
    public void a_token_that_is_not_a_string_fails_as_the_reader_fails()
    {
        Should.Throw<InvalidOperationException>(() => Read("12"));
        var bytes = Encoding.UTF8.GetBytes("\"ab\"");
        bytes[1] = 0xFF; // not UTF-8: the reader's own error, not a replacement character
        Should.Throw<InvalidOperationException>(() =>
        {
            var reader = new Utf8JsonReader(bytes);
            reader.Read();
            return IdStrings.FromReader(ref reader);
        });
    }

    [Fact]
    public async Task threads_reading_more_values_than_the_table_holds_each_get_their_own_value()
    {
        // Four times as many values as slots: slots are taken over while others read them.
        const int perThread = IdStrings.Slots;
        var wrong = 0;
        await Task.WhenAll(Enumerable.Range(0, 4).Select(t => Task.Run(() =>
        {
            Span<byte> json = stackalloc byte[32];
            for (var i = 0; i < perThread; i++)
            {
                var id = $"u-{t}-{i % 5000}-{i}";
                var length = Encoding.UTF8.GetBytes($"\"{id}\"", json);
                var reader = new Utf8JsonReader(json[..length]);
                reader.Read();
                if (IdStrings.FromReader(ref reader) != id) Interlocked.Increment(ref wrong);
            }
        })));
        wrong.ShouldBe(0);
    }

    [Fact]
    public void the_events_of_one_order_decoded_by_two_followers_share_its_ids()
    {
        var placed = ItemEventSerializer.Serialize(new OrderPlaced("sku-41", "order-41-shared", "alice-41", 1, At)).Data;
        var reserved = ItemEventSerializer.Serialize(new StockReserved("sku-41", "order-41-shared", "alice-41", 1, At)).Data;

        StoredEventReader.TryRead(typeof(OrderPlaced), placed, out var first).ShouldBeTrue();
        StoredEventReader.TryRead(typeof(StockReserved), reserved, out var second).ShouldBeTrue();

        var (p, r) = ((OrderPlaced)first!, (StockReserved)second!);
        ReferenceEquals(p.ItemId, r.ItemId).ShouldBeTrue();
        ReferenceEquals(p.OrderId, r.OrderId).ShouldBeTrue();
        ReferenceEquals(p.UserId, r.UserId).ShouldBeTrue();
    }
}
