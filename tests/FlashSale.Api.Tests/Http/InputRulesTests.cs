using System.Net;
using System.Net.Http.Headers;
using System.Text;
using FlashSale.Api.Tests.Fixtures;

namespace FlashSale.Api.Tests.Http;

/// <summary>What clients really send: byte order marks, charsets, look-alike ids, dates in other formats, upper-case options.</summary>
public sealed class InputRulesTests(FlashSaleApiFactory api) : IClassFixture<FlashSaleApiFactory>
{
    private static string ListingJson(string itemId) =>
        $$"""{"itemId":"{{itemId}}","name":"Mug","stock":3,"perUserLimit":1}""";

    private async Task<HttpAnswer> PostBytesAsync(string path, byte[] body, string contentType)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return await HttpAnswer.ReadAsync(await api.Operator.PostAsync(path, content));
    }

    [Fact]
    public async Task a_json_body_that_starts_with_a_utf8_byte_order_mark_is_accepted()
    {
        var itemId = Ids.New("bom");

        var answer = await PostBytesAsync("/api/items", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(ListingJson(itemId))], "application/json");

        answer.Status.ShouldBe(HttpStatusCode.Created, answer.ToString());
        answer.String("itemId").ShouldBe(itemId);
    }

    [Theory]
    [InlineData("application/json; charset=iso-8859-1")]
    [InlineData("application/json; charset=utf-16")]
    [InlineData("application/json; charset=\"windows-1252\"")]
    public async Task a_body_in_another_charset_than_utf8_is_415_naming_the_charset_and_appends_nothing(string contentType)
    {
        var head = await api.HeadAsync();

        var answer = await PostBytesAsync("/api/items", Encoding.Latin1.GetBytes(ListingJson(Ids.New("latin"))), contentType);

        answer.Status.ShouldBe(HttpStatusCode.UnsupportedMediaType, answer.ToString());
        answer.MediaType.ShouldBe("application/problem+json");
        answer.Code.ShouldBe("unsupported_charset");
        answer.String("detail").ShouldContain("UTF-8");
        (await api.HeadAsync()).ShouldBe(head);
    }

    [Theory]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("application/json; charset=UTF-8")]
    [InlineData("application/json;charset=\"utf-8\"")]
    public async Task a_body_that_says_it_is_utf8_is_accepted(string contentType) =>
        (await PostBytesAsync("/api/items", Encoding.UTF8.GetBytes(ListingJson(Ids.New("utf8"))), contentType)).Status
            .ShouldBe(HttpStatusCode.Created);

    public static TheoryData<string, string> LookAlikes => new()
    {
        { "full-width letters", "\uFF53\uFF4B\uFF55-1" },
        { "a Cyrillic s", "\u0455ku-1" },
        { "a Greek omicron", "sk\u03BF-1" },
        { "full-width digits", "sku-\uFF11" },
    };

    [Theory]
    [MemberData(nameof(LookAlikes))]
    public async Task a_look_alike_id_is_refused_the_same_way_in_a_body_a_route_and_a_query_naming_the_rule(string what, string id)
    {
        var escaped = Uri.EscapeDataString(id);
        var answers = new (string Where, string Field, HttpAnswer Answer)[]
        {
            ("body", "itemId", await api.Operator.PostJsonAsync("/api/items", new { itemId = id, name = "Mug", stock = 1, perUserLimit = 1 })),
            ("body", "orderId", await api.PlaceOrderAsync(id, "sku-1", "buyer")),
            ("restock route", "itemId", await api.Operator.RestockAsync(id, 1)),
            ("item route", "itemId", (await api.Buyer.QueryAsync($"/api/items/{escaped}")).Answer),
            ("audit route", "itemId", (await api.Operator.QueryAsync($"/api/audit/items/{escaped}/history")).Answer),
            ("dead-letter route", "orderId", await api.Operator.PostEmptyAsync($"/api/admin/dlq/{escaped}/retry")),
            ("dead-letter query", "itemId", (await api.Operator.QueryAsync($"/api/admin/dlq?itemId={escaped}")).Answer),
            ("export query", "itemId", (await api.Operator.QueryAsync($"/api/audit/export?itemId={escaped}")).Answer),
        };

        foreach (var (where, field, answer) in answers)
        {
            answer.Status.ShouldBe(HttpStatusCode.BadRequest, $"{what} in the {where}: {answer}");
            answer.ErrorFields.ShouldBe([field], $"{what} in the {where}");
            answer.Text.ShouldContain("may contain only ASCII letters, digits", customMessage: $"{what} in the {where}");
            answer.Text.ShouldContain("outside ASCII", customMessage: $"{what} in the {where}");
        }
    }

    [Theory]
    [InlineData("11/23/2026 15:00")]
    [InlineData("23.11.2026")]
    [InlineData("2026-11-23 15:00:00Z")]
    [InlineData("1732374000")]
    [InlineData("Mon, 23 Nov 2026 15:00:00 GMT")]
    public async Task as_of_time_in_another_format_than_iso_8601_is_a_400_that_says_iso_8601(string text)
    {
        var itemId = Ids.New("asof");
        await api.ListItemAsync(itemId, stock: 1);

        var answer = await api.Operator.QueryAsync($"/api/audit/items/{itemId}/history?asOfTime={Uri.EscapeDataString(text)}");

        answer.Status.ShouldBe(HttpStatusCode.BadRequest, answer.ToString());
        answer.Answer.Code.ShouldBe("as_of.invalid");
        answer.Answer.ErrorFields.ShouldBe(["asOfTime"]);
        answer.Json.Str("detail").ShouldContain("ISO-8601");
    }

    [Theory]
    [InlineData("2026-11-23T15:00:00Z")]
    [InlineData("2026-11-23T15:00Z")]
    [InlineData("2026-11-23T16:00:00.1234567+01:00")]
    [InlineData("2026-11-23T15:00:00")]
    public async Task as_of_time_in_iso_8601_is_accepted_with_or_without_seconds_fraction_and_offset(string text)
    {
        var itemId = Ids.New("asof-ok");
        await api.ListItemAsync(itemId, stock: 1);

        var answer = await api.Operator.QueryAsync($"/api/audit/items/{itemId}/history?asOfTime={Uri.EscapeDataString(text)}");

        answer.Status.ShouldBe(HttpStatusCode.OK, answer.ToString());
        answer.Json.GetProperty("asOfTime").GetDateTimeOffset().UtcDateTime.ShouldBe(new DateTime(2026, 11, 23, 15, 0, 0, DateTimeKind.Utc),
            TimeSpan.FromSeconds(1));
    }

    [Theory]
    [InlineData("CSV", "text/csv", "csv")]
    [InlineData("Csv", "text/csv", "csv")]
    [InlineData("JSONL", "application/x-ndjson", "jsonl")]
    public async Task the_export_format_is_read_in_any_case_and_the_file_name_carries_the_id(string format, string mediaType, string extension)
    {
        var itemId = Ids.New("export");
        await api.ListItemAsync(itemId, stock: 2);
        var orderId = (await api.PlaceOrderAsync(Ids.New("order"), itemId, "exporter")).String("orderId");

        var item = await api.Operator.QueryAsync($"/api/audit/export?itemId={itemId}&format={format}");
        var order = await api.Operator.QueryAsync($"/api/audit/export?orderId={orderId}&format={format}");
        var log = await api.Operator.QueryAsync($"/api/audit/export?format={format}");

        (item.Status, item.Answer.MediaType).ShouldBe((HttpStatusCode.OK, mediaType), item.ToString());
        item.Header("Content-Disposition").ShouldBe($"attachment; filename=\"item-{itemId}.{extension}\"");
        order.Header("Content-Disposition").ShouldBe($"attachment; filename=\"order-{orderId}.{extension}\"");
        log.Header("Content-Disposition").ShouldBe($"attachment; filename=\"log.{extension}\"");
    }
}
