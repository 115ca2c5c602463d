using System.Text;
using System.Text.Json;
using FlashSale.Api.Http;
using FlashSale.Api.Orders;
using Microsoft.AspNetCore.Http;

namespace FlashSale.Api.Tests.Orders;

/// <summary>
/// The order body's hand-written reader (ADR 0037) is a second statement of what the strict serializer reads: for every
/// body it reads, the serializer reads the same order; every other body it leaves to the serializer, so the answer to
/// it (the order or the 4xx problem) is the serializer's, as before.
/// </summary>
public sealed class PlainOrderBodyTests
{
    private static string Order(string orderId = "\"o-1\"", string itemId = "\"item-1\"", string userId = "\"u-1\"", string quantity = "1") =>
        $$"""{"orderId":{{orderId}},"itemId":{{itemId}},"userId":{{userId}},"quantity":{{quantity}}}""";

    public static TheoryData<string> Bodies => new()
    {
        Order(),
        "  \r\n" + Order() + " \n\t ",
        """{ "quantity" : 2 , "userId" : "u" , "itemId" : "i" , "orderId" : "o" }""",
        Order(quantity: "-0"), Order(quantity: "2147483647"), Order(quantity: "-2147483648"), Order(quantity: "0"),
        Order(quantity: "2147483648"), Order(quantity: "1.5"), Order(quantity: "1.0"), Order(quantity: "1e2"), Order(quantity: "1E0"),
        Order(quantity: "99999999999999999999"), Order(quantity: "\"1\""), Order(quantity: "true"), Order(quantity: "null"),
        Order(quantity: "[1]"), Order(quantity: "{}"), Order(quantity: "01"), Order(quantity: "+1"),
        Order(orderId: "null", userId: "null"), Order(orderId: "123"), Order(userId: """{"id": 1}"""), Order(itemId: "[]"),
        Order(orderId: "\"\""), Order(orderId: "\"caf\\u00e9 \\\"x\\\" \\\\ \\/\""), Order(userId: "\"user\\n1\""),
        Order(userId: "\"user\t1\""), Order(orderId: "\"\\ud800\""), Order(orderId: "\"\\uDE00x\""), Order(itemId: "\"\u00e9\u4e2d\""),
        """{"orderId":"o","itemId":"i","userId":"u"}""", """{"quantity":1}""", "{}", "{ }",
        """{"OrderId":"o","itemId":"i","userId":"u","quantity":1}""", """{"ORDERID":"o"}""",
        """{"order\u0049d":"o","itemId":"i","userId":"u","quantity":1}""",
        """{"orderId":"o","orderId":"p","itemId":"i","userId":"u","quantity":1}""",
        """{"orderId":"o","OrderId":"p"}""", """{"orderId":null,"orderId":null}""",
        """{"orderId":"o","itemId":"i","userId":"u","quantity":1,"coupon":"FREE"}""",
        """{"orderId":"o","itemId":"i","userId":"u","quantity":1,}""", """{"orderId":"o" /* c */}""",
        Order() + "}", Order() + " x", Order() + Order(), """{"orderId":"o","itemId":""", """{"orderId" "o"}""", """{"orderId":'o'}""",
        "null", "[]", """[{"orderId":"o"}]""", "\"order\"", "1", "", "   ", "{", "}",
        """{"orderId":"o","nested":{"a":{"b":{"c":{"d":{"e":{"f":{"g":{"h":1}}}}}}}}}""",
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task a_body_gets_what_the_strict_serializer_answers_whether_or_not_the_plain_reader_reads_it(string json)
    {
        var serializer = await Outcome(json, plain: null);
        var ours = await Outcome(json, PlaceOrderBody.TryReadPlain);

        ours.ShouldBe(serializer, json);
        if (PlaceOrderBody.TryReadPlain(Encoding.UTF8.GetBytes(json), out var read))
            serializer.ShouldBe($"order {read}", json);
    }

    [Theory]
    [InlineData("""{"orderId":"o-1","itemId":"hot","userId":"u-7","quantity":1}""")]
    [InlineData("""{"orderId": "o-1", "itemId": "hot", "userId": "u-7", "quantity": 2}""")]
    [InlineData("""{"orderId":"o-1","itemId":"hot","userId":"u-7"}""")]
    public void what_clients_send_is_read_by_the_plain_reader(string json) =>
        PlaceOrderBody.TryReadPlain(Encoding.UTF8.GetBytes(json), out _).ShouldBeTrue();

    [Fact]
    public void the_ids_of_orders_share_one_instance_per_value_with_the_logs_readers()
    {
        PlaceOrderBody.TryReadPlain(Encoding.UTF8.GetBytes(Order("\"o-41-1\"", "\"hot-41\"", "\"u-41\"")), out var first).ShouldBeTrue();
        PlaceOrderBody.TryReadPlain(Encoding.UTF8.GetBytes(Order("\"o-41-2\"", "\"hot-41\"", "\"u-41\"")), out var second).ShouldBeTrue();

        ReferenceEquals(first.ItemId, second.ItemId).ShouldBeTrue("the item's id is kept by every order's index entry");
        ReferenceEquals(first.UserId, second.UserId).ShouldBeTrue();
        var placed = FlashSale.Contracts.ItemEventSerializer.Serialize(
            new FlashSale.Domain.Items.OrderPlaced("hot-41", "o-41-2", "u-41", 1, DateTimeOffset.UnixEpoch)).Data;
        var reader = new Utf8JsonReader(placed);
        while (reader.Read() && !(reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("orderId"u8))) { }
        reader.Read();
        ReferenceEquals(FlashSale.Contracts.IdStrings.FromReader(ref reader), second.OrderId).ShouldBeTrue("a follower's read of the order's event");
    }

    [Fact]
    public async Task a_byte_order_mark_is_skipped_before_either_reader()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes(Order())).ToArray();

        (await Outcome(bytes, PlaceOrderBody.TryReadPlain)).ShouldBe(await Outcome(bytes, plain: null));
        (await Outcome(bytes, PlaceOrderBody.TryReadPlain)).ShouldStartWith("order ");
    }

    private static Task<string> Outcome(string json, JsonBody.PlainReader<PlaceOrderBody>? plain) =>
        Outcome(Encoding.UTF8.GetBytes(json), plain);

    /// <summary>The order read, or the problem answered, as text.</summary>
    private static async Task<string> Outcome(byte[] body, JsonBody.PlainReader<PlaceOrderBody>? plain)
    {
        var http = new DefaultHttpContext();
        http.Request.ContentType = "application/json";
        http.Request.ContentLength = body.Length;
        http.Request.Body = new MemoryStream(body);
        try
        {
            return $"order {await JsonBody.ReadAsync(http, plain)}";
        }
        catch (ProblemException problem)
        {
            return $"problem {JsonSerializer.Serialize(problem.Problem, Problems.Json)}";
        }
    }
}
