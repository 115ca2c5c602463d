using System.Net;
using System.Text;
using System.Text.Json;
using FlashSale.Api.Tests.Fixtures;
using FlashSale.Domain.Items;

namespace FlashSale.Api.Tests.Docs;

/// <summary>
/// A scripted sale (list, restock, orders incl. sold out and invalid, status, payment, a dead letter retried and
/// discarded, audit, projections, health) with every real answer held against the document: its status is documented
/// for that operation, its JSON fits the documented schema, and a problem's code is one the response lists.
/// </summary>
public sealed class DocumentedAnswersTests : IDisposable
{
    private readonly FlashSaleApiFactory _api = new();
    private readonly ExchangeRecorder _operatorCalls = new();
    private readonly ExchangeRecorder _buyerCalls = new();
    private readonly HttpClient _operator;
    private readonly HttpClient _buyer;

    public DocumentedAnswersTests()
    {
        _operator = _api.CreateDefaultClient(_operatorCalls);
        _operator.DefaultRequestHeaders.Add(ApiCalls.ApiKeyHeader, FlashSaleApiFactory.OperatorKey);
        _buyer = _api.CreateDefaultClient(_buyerCalls);
        _operator.Timeout = _buyer.Timeout = TimeSpan.FromSeconds(30);
    }

    [Fact]
    public async Task every_answer_of_a_scripted_sale_is_documented_with_its_schema_and_problem_code()
    {
        var item = Ids.New("doc-item");
        var expiring = Ids.New("doc-expiring");
        var (first, second, soldOut, late) = (Ids.New("ord"), Ids.New("ord"), Ids.New("ord"), Ids.New("ord"));

        await _buyer.GetAsync("/");
        await _buyer.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/"));
        await _buyer.GetAsync("/health");
        await _buyer.GetAsync("/health/ready");
        await _buyer.GetAsync("/metrics");

        (await _operator.ListItemAsync(item, stock: 1, perUserLimit: 2)).Status.ShouldBe(HttpStatusCode.Created);
        (await _operator.ListItemAsync(item, stock: 1)).Code.ShouldBe("item.already_listed");
        (await _operator.PostJsonAsync("/api/items", new { itemId = "", name = "x", stock = -1, perUserLimit = 1 })).Code.ShouldBe("validation_failed");
        (await _operator.PostRawAsync("/api/items", "{\"itemId\":")).Code.ShouldBe("malformed_body");
        (await _operator.PostRawAsync("/api/items", "itemId=x", "text/plain")).Code.ShouldBe("unsupported_media_type");
        (await _buyer.ListItemAsync(Ids.New("nokey"), stock: 1)).Code.ShouldBe("unauthorized");
        (await _operator.RestockAsync(item, 1)).Status.ShouldBe(HttpStatusCode.OK);
        (await _operator.RestockAsync(Ids.New("unknown"), 1)).Code.ShouldBe("item.not_found");
        (await _operator.ListItemAsync(expiring, stock: 1, paymentWindowSeconds: 1)).Status.ShouldBe(HttpStatusCode.Created);

        var placed = await _buyer.PlaceOrderAsync(first, item, "user-a");
        placed.Status.ShouldBe(HttpStatusCode.Created);
        (await _buyer.PlaceOrderAsync(second, item, "user-b")).Status.ShouldBe(HttpStatusCode.Created);
        (await _buyer.PlaceOrderAsync(soldOut, item, "user-c")).Code.ShouldBe(RejectionReasons.SoldOut);
        (await _buyer.PlaceOrderAsync(first, item, "user-z")).Code.ShouldBe("order.id_reused");
        (await _buyer.PlaceOrderAsync(Ids.New("ord"), item, "user-a", quantity: 0)).Code.ShouldBe("validation_failed");
        (await _buyer.PlaceOrderAsync(Ids.New("ord"), Ids.New("unknown"), "user-a")).Code.ShouldBe("item.not_found");
        (await _buyer.PlaceOrderAsync(late, expiring, "user-d")).Status.ShouldBe(HttpStatusCode.Created);

        var position = placed.String("position");
        await _buyer.GetAsync($"/api/orders/{first}?minPosition={position}");
        await _buyer.GetAsync($"/api/orders/{Ids.New("unknown")}");
        await _buyer.GetAsync($"/api/orders/{first}?minPosition=not-a-position");
        await _buyer.GetAsync($"/api/orders/{first}?minPosition=999999999");
        await _buyer.GetAsync("/api/users/user-a/orders?limit=1");
        await _buyer.GetAsync("/api/users/user-a/orders?limit=0");
        await _buyer.GetAsync("/api/items");
        await _buyer.GetAsync($"/api/items/{item}");
        await _buyer.GetAsync($"/api/items/{Ids.New("unknown")}");

        (await _buyer.PayAsync(first, "psp-1")).Status.ShouldBe(HttpStatusCode.OK);
        (await _buyer.PayAsync(first, "psp-1")).Status.ShouldNotBe(HttpStatusCode.InternalServerError);
        (await _buyer.PostRawAsync($"/api/orders/{second}/payment", "{\"paymentReference\":\"psp-2\"}")).Code.ShouldBe("payment.signature_required");

        // The deadline sweeper times out the 1-second reservation: a dead letter to retry and discard.
        await EventLog.WaitForAsync(() => _api.ReadItemAsync(expiring), e => e.OfOrder<StockReleased>(late).Count > 0,
            TimeSpan.FromSeconds(30), $"the timeout of {late}");
        var head = (await _api.HeadAsync())!.Value.ToToken();
        await _operator.GetAsync($"/api/admin/dlq?minPosition={head}");
        await _operator.GetAsync($"/api/admin/dlq/{late}?minPosition={head}");
        await _operator.GetAsync($"/api/admin/dlq/{Ids.New("unknown")}");
        await _operator.GetAsync("/api/admin/dlq?state=bogus");
        await _buyer.GetAsync("/api/admin/dlq");
        (await _operator.PostAsync($"/api/admin/dlq/{late}/retry", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await _operator.PostAsync($"/api/admin/dlq/{Ids.New("unknown")}/retry", null);
        await _operator.PostJsonAsync($"/api/admin/dlq/{late}/discard", new { reason = "customer gave up" });
        await _operator.PostJsonAsync($"/api/admin/dlq/{first}/discard", new { reason = "paid, not a dead letter" });

        await _operator.GetAsync($"/api/audit/items/{item}");
        await _operator.GetAsync($"/api/audit/items/{item}?limit=1");
        await _operator.GetAsync($"/api/audit/items/{Ids.New("unknown")}");
        await _operator.GetAsync($"/api/audit/orders/{first}");
        await _operator.GetAsync($"/api/audit/items/{item}/history");
        await _operator.GetAsync($"/api/audit/items/{item}/history?asOfTime=yesterday");
        await _operator.GetAsync($"/api/audit/orders/{late}/history");
        await _operator.GetAsync($"/api/audit/export?itemId={item}");
        await _operator.GetAsync("/api/audit/export?format=xml");
        await _operator.GetAsync("/api/admin/audit/verify");
        await _operator.PostAsync("/api/admin/audit/verify?projection=nope", null);
        await _operator.GetAsync("/api/admin/projections");
        await _operator.GetAsync("/api/admin/projections/inventory");
        await _operator.GetAsync("/api/admin/projections/nope");
        await _operator.GetAsync("/api/admin/projections/inventory/poison-events");
        await _operator.GetAsync("/api/admin/projections/inventory/dead-letters");
        await _operator.GetAsync("/api/admin/log/unreadable");

        var document = await ApiDocument.FetchAsync(_buyer);
        var exchanges = _operatorCalls.Exchanges.Concat(_buyerCalls.Exchanges).Where(e => e.Path != "/openapi/v1.json").ToList();
        var mismatches = exchanges.SelectMany(e => Mismatches(document, e).Select(m => $"{e}\n    {m}")).ToList();

        mismatches.ShouldBeEmpty();
        exchanges.Count.ShouldBeGreaterThan(50);
        // The scenario reached the answers worth checking, not only errors.
        var reached = exchanges.Select(e => (e.Method, document.Find(e.Method, e.Path).Template, (int)e.Status)).ToHashSet();
        reached.ShouldContain(("GET", "/api/admin/dlq/{orderId}", 200));
        reached.ShouldContain(("POST", "/api/orders/{orderId}/payment", 200));
        reached.ShouldContain(("GET", "/api/audit/items/{itemId}/history", 200));
    }

    private static IEnumerable<string> Mismatches(ApiDocument document, Exchange exchange)
    {
        var (_, operation) = document.Find(exchange.Method, exchange.Path);
        var status = ((int)exchange.Status).ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (!operation.GetProperty("responses").TryGetProperty(status, out var response))
        {
            yield return $"status {status} is not documented";
            yield break;
        }
        if (exchange.Body.Length == 0) yield break;
        if (!response.TryGetProperty("content", out var content) || exchange.MediaType is not { } mediaType ||
            !content.TryGetProperty(mediaType, out var media))
        {
            yield return $"media type {exchange.MediaType} is not documented for {status}";
            yield break;
        }
        if (!mediaType.EndsWith("json", StringComparison.Ordinal) || mediaType == "application/x-ndjson") yield break;
        using var body = JsonDocument.Parse(exchange.Body);
        foreach (var error in SchemaCheck.Errors(media.GetProperty("schema"), body.RootElement, document.Root)) yield return error;
        if (mediaType == "application/problem+json")
        {
            var code = body.RootElement.TryGetProperty("code", out var c) ? c.GetString() : null;
            if (!ApiDocument.ProblemCodes(response).Contains(code ?? "")) yield return $"problem code '{code}' is not among the documented codes of {status}";
        }
    }

    public void Dispose()
    {
        _operator.Dispose();
        _buyer.Dispose();
        _api.Dispose();
    }
}
