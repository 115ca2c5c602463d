using System.Text;
using System.Text.Json;
using FlashSale.Contracts;
using FlashSale.Domain.Items;
using FlashSale.EventStore;

namespace FlashSale.Subscriptions.Tests.Decoding;

/// <summary>
/// The stored events of every order and their metadata are read without the serializer (ADR 0038); what they decode to,
/// or the error they fail with, is the serializer's (<see cref="StoredEventJson"/>) for every event type and for JSON in
/// any other form: properties reordered, unknown, in another casing, missing, null, repeated, numbers as strings, escapes,
/// and JSON that is not an event at all.
/// </summary>
public sealed class StoredEventReaderTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 3, 6, 0, 0, 123, TimeSpan.Zero);

    /// <summary>One of every stored event type, optional fields both set and left out.</summary>
    public static TheoryData<string> EveryEventType()
    {
        var data = new TheoryData<string>();
        foreach (var e in Samples()) data.Add(ItemEventTypes.NameOf(e) + "|" + Encoding.UTF8.GetString(ItemEventSerializer.Serialize(e).Data));
        return data;
    }

    private static IEnumerable<ItemEvent> Samples() =>
    [
        new SaleItemListed("sku-1", "Phone", 10, 2, At, At.AddHours(1), 600, At),
        new SaleItemListed("sku-1", "Phone", 10, 2, null, null, 600, At),
        new ItemRestocked("sku-1", 5, "truck", At, "op-1"),
        new ItemRestocked("sku-1", 5, "truck", At),
        new OrderPlaced("sku-1", "order-1", "alice", 2, At),
        new StockReserved("sku-1", "order-1", "alice", 2, At.AddMinutes(10)),
        new StockReserved("sku-1", "order-1", "alice", 2, At.AddMinutes(10), Retry: 3),
        new OrderRejected("sku-1", "order-2", "bob", 1, RejectionReasons.SoldOut, At),
        new PaymentConfirmed("sku-1", "order-1", "alice", 2, "pay-\u00e9\"1", At),
        new PaymentTimedOut("sku-1", "order-1", TimeoutCauses.DeadlinePassed, At, 1),
        new StockReleased("sku-1", "order-1", "alice", 2, At, 1),
        new DeadLetterRetried("sku-1", "order-1", 1, "ops", At),
        new DeadLetterRetryFailed("sku-1", "order-1", 1, RejectionReasons.SoldOut, "ops", At),
        new DeadLetterDiscarded("sku-1", "order-1", "gone", "ops", At),
        new ChargeStarted("sku-1", "order-1", "key-1", At, 2),
        new RefundRequired("sku-1", "order-1", "alice", 2, "pay-1", RefundReasons.LatePayment, At, 1),
        new UnreadableEventSkipped("sku-1", 7, "0000000000000007", "V1.OrderPlaced", "bad", "ops", At),
    ];

    [Fact]
    public void every_event_type_round_trips_through_the_stored_json()
    {
        var names = new HashSet<string>();
        foreach (var e in Samples())
        {
            ItemEventSerializer.Deserialize(Recorded(ItemEventSerializer.Serialize(e))).ShouldBe(e);
            names.Add(ItemEventTypes.NameOf(e));
        }
        names.ShouldBe(ItemEventTypes.Names, ignoreOrder: true);
    }

    [Fact]
    public void the_events_of_every_order_are_read_without_the_serializer_in_the_form_it_writes()
    {
        ItemEvent[] hot =
        [
            new OrderPlaced("sku-1", "order-1", "alice", 2, At),
            new StockReserved("sku-1", "order-1", "alice", 2, At, 1),
            new OrderRejected("sku-1", "order-2", "bob", 1, RejectionReasons.SoldOut, At),
            new ChargeStarted("sku-1", "order-1", "key-1", At, 2),
            new PaymentConfirmed("sku-1", "order-1", "alice", 2, "pay-1", At),
            new PaymentTimedOut("sku-1", "order-1", TimeoutCauses.GatewayTimeout, At),
            new StockReleased("sku-1", "order-1", "alice", 2, At),
        ];
        foreach (var e in hot)
        {
            StoredEventReader.TryRead(e.GetType(), ItemEventSerializer.Serialize(e).Data, out var read).ShouldBeTrue(e.GetType().Name);
            read.ShouldBe(e);
        }
        var metadata = ItemEventSerializer.SerializeMetadata("corr-1", "cause-1", "alice", At, appendEnd: 12);
        StoredEventReader.TryReadMetadata(metadata, out var readMetadata).ShouldBeTrue();
        readMetadata.ShouldBe(new EventMetadata("corr-1", "cause-1", "alice", At, 12));
    }

    [Theory]
    [MemberData(nameof(EveryEventType))]
    public void every_variant_of_an_events_json_decodes_as_the_serializer_decodes_it(string typeAndJson)
    {
        var (name, json) = (typeAndJson[..typeAndJson.IndexOf('|')], typeAndJson[(typeAndJson.IndexOf('|') + 1)..]);
        var type = ItemEventTypes.TypeOf(name)!;
        foreach (var variant in Variants(json))
        {
            var expected = Outcome(() => JsonSerializer.Deserialize(Encoding.UTF8.GetBytes(variant), type, StoredEventJson.Default));
            var actual = Outcome(() => ItemEventSerializer.Deserialize(Recorded((name, Encoding.UTF8.GetBytes(variant)))));
            actual.ShouldBe(expected, variant);
        }
    }

    [Fact]
    public void every_variant_of_the_metadata_decodes_as_the_serializer_decodes_it()
    {
        foreach (var bytes in new[]
                 {
                     ItemEventSerializer.SerializeMetadata("corr-1", "cause-1", "alice", At),
                     ItemEventSerializer.SerializeMetadata("corr-1", "cause-1", "alice", At, appendEnd: 12),
                 })
        foreach (var variant in Variants(Encoding.UTF8.GetString(bytes)))
        {
            // No metadata at all is none, as before; anything else is the serializer's answer.
            var expected = variant.Length == 0
                ? "null"
                : Outcome(() => JsonSerializer.Deserialize(Encoding.UTF8.GetBytes(variant), StoredEventJson.Default.EventMetadata));
            var recorded = Recorded(ItemEventSerializer.Serialize(new OrderPlaced("sku-1", "o", "u", 1, At))) with { Metadata = Encoding.UTF8.GetBytes(variant) };
            var actual = Outcome(() => ItemEventSerializer.DeserializeMetadata(recorded));
            actual.ShouldBe(expected, variant);
        }
    }

    [Theory]
    [MemberData(nameof(EveryEventType))]
    public void a_string_that_is_not_utf8_fails_with_the_serializers_error(string typeAndJson)
    {
        var (name, json) = (typeAndJson[..typeAndJson.IndexOf('|')], typeAndJson[(typeAndJson.IndexOf('|') + 1)..]);
        var type = ItemEventTypes.TypeOf(name)!;
        var bytes = Encoding.UTF8.GetBytes(json);
        // Every string value's first character in turn becomes a byte no UTF-8 text holds.
        for (var i = 1; i < bytes.Length - 1; i++)
        {
            if (bytes[i - 1] != (byte)'"' || bytes[i - 2] != (byte)':') continue;
            var damaged = (byte[])bytes.Clone();
            damaged[i] = 0xFF;
            var expected = Outcome(() => JsonSerializer.Deserialize(damaged, type, StoredEventJson.Default));
            var actual = Outcome(() => ItemEventSerializer.Deserialize(Recorded((name, damaged))));
            actual.ShouldBe(expected);
            expected.ShouldBeOfType<string>().ShouldStartWith(typeof(JsonException).FullName!);
        }
        var metadata = ItemEventSerializer.SerializeMetadata("corr-1", "cause-1", "alice", At);
        metadata[metadata.AsSpan().IndexOf("corr"u8)] = 0xFF;
        var recorded = Recorded(ItemEventSerializer.Serialize(new OrderPlaced("sku-1", "o", "u", 1, At))) with { Metadata = metadata };
        Outcome(() => ItemEventSerializer.DeserializeMetadata(recorded))
            .ShouldBe(Outcome(() => JsonSerializer.Deserialize(metadata, StoredEventJson.Default.EventMetadata)));
    }

    /// <summary>The JSON as written, and rewritten every way a stored event (another writer, an older version, a hand-made
    /// import, a damaged file) could differ from it.</summary>
    private static IEnumerable<string> Variants(string json)
    {
        var properties = new List<(string Name, string Value)>();
        using (var document = JsonDocument.Parse(json))
            foreach (var property in document.RootElement.EnumerateObject()) properties.Add((property.Name, property.Value.GetRawText()));

        static string Object(IEnumerable<(string Name, string Value)> ps) => "{" + string.Join(",", ps.Select(p => $"\"{p.Name}\":{p.Value}")) + "}";

        yield return json;
        yield return Object(Enumerable.Reverse(properties));
        yield return " \n{ " + string.Join(" ,\n ", properties.Select(p => $"\"{p.Name}\" : {p.Value}")) + " }\n ";
        yield return Object([.. properties, ("unknown", "{\"nested\":[1,\"two\",null]}")]);
        yield return Object([("unknown", "3"), .. properties]);
        yield return Object([.. properties, ("retry", "4")]);
        yield return Object([.. properties, ("appendEnd", "9")]);
        yield return Object([.. properties, ("operationId", "\"op-9\"")]);
        for (var i = 0; i < properties.Count; i++)
        {
            var (name, value) = properties[i];
            yield return Object(properties.Where((_, j) => j != i));
            yield return Object(properties.Select((p, j) => j == i ? (p.Name, "null") : p));
            yield return Object(properties.Select((p, j) => j == i ? (char.ToUpperInvariant(name[0]) + name[1..], p.Value) : p));
            yield return Object(properties.Select((p, j) => j == i ? (name.ToUpperInvariant(), p.Value) : p));
            yield return Object([.. properties, (name, value)]);
            yield return Object([.. properties, (name, value.StartsWith('"') ? "\"other\"" : "7")]);
            yield return Object(properties.Select((p, j) => j == i ? ("\\u00" + ((int)name[0]).ToString("x2") + name[1..], p.Value) : p));
            yield return Object(properties.Select((p, j) => j == i ? (p.Name, value.StartsWith('"') ? value : $"\"{value}\"") : p));
            yield return Object(properties.Select((p, j) => j == i ? (p.Name, value.StartsWith('"') ? "\"\\u0041" + value[1..] : value + ".0") : p));
            yield return Object(properties.Select((p, j) => j == i ? (p.Name, value.StartsWith('"') ? "12" : "\"x\"") : p));
            yield return Object(properties.Select((p, j) => j == i ? (p.Name, "\"\\uDC00x\"") : p));
            yield return Object(properties.Select((p, j) => j == i ? (p.Name, "{}") : p));
            yield return Object(properties.Select((p, j) => j == i ? (p.Name, "[]") : p));
            yield return Object(properties.Select((p, j) => j == i ? (p.Name, "99999999999999999999") : p));
            yield return Object(properties.Select((p, j) => j == i ? (p.Name, "true") : p));
        }
        yield return json + " {}";
        yield return json + "x";
        yield return json[..^1];
        yield return json[..(json.Length / 2)];
        yield return "[" + json + "]";
        yield return "{}";
        yield return "null";
        yield return "";
        yield return "\"text\"";
        yield return "{/*comment*/" + json[1..];
        yield return json[..^1] + ",}";
        yield return "\uFEFF" + json;
    }

    /// <summary>What a decode gives: its value, or the type and message of what it threw.</summary>
    private static object Outcome(Func<object?> decode)
    {
        try
        {
            return decode() ?? "null";
        }
        catch (Exception ex)
        {
            return $"{ex.GetType().FullName}: {ex.Message}";
        }
    }

    private static RecordedEvent Recorded((string Type, byte[] Data) stored) =>
        new("item-sku-1", 1, LogPosition.At(3), Guid.NewGuid(), stored.Type, stored.Data, ReadOnlyMemory<byte>.Empty, DateTimeOffset.UnixEpoch);
}
