using System.Net;
using FlashSale.Api.Operators;
using FlashSale.Api.Tests.Fixtures;
using FlashSale.Api.Tests.Logging;
using FlashSale.Api.Tests.Metrics;
using FlashSale.EventStore.Logging;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace FlashSale.Api.Tests.Operators;

/// <summary>
/// A rotation without downtime: while <c>Operators:PreviousApiKey</c> holds the old key, both keys open the operator
/// endpoints; which one a request used is counted and (for the old one) logged, never the key itself.
/// </summary>
public sealed class OperatorKeyRotationTests : IDisposable
{
    private const string NewKey = "new-operator-key-abcdef0123456789";
    private const string OldKey = "old-operator-key-9876543210fedcba";
    private readonly CapturedLogs _logs = new();
    private readonly FlashSaleApiFactory _owner = new(new Dictionary<string, string?>
    {
        ["Operators:ApiKey"] = NewKey,
        ["Operators:PreviousApiKey"] = OldKey,
    });
    private readonly WebApplicationFactory<Program> _api;

    public OperatorKeyRotationTests() =>
        _api = _owner.WithWebHostBuilder(web => web.ConfigureLogging(logging => logging.AddProvider(_logs)));

    public void Dispose()
    {
        _api.Dispose();
        _owner.Dispose();
    }

    [Fact]
    public async Task during_a_rotation_the_new_and_the_previous_key_both_list_items_and_any_other_key_is_refused()
    {
        using var newKey = Client(NewKey);
        using var oldKey = Client(OldKey);
        using var neither = Client(FlashSaleApiFactory.OperatorKey);

        (await newKey.ListItemAsync(Ids.New("new"), stock: 1)).Status.ShouldBe(HttpStatusCode.Created);
        (await oldKey.ListItemAsync(Ids.New("old"), stock: 1)).Status.ShouldBe(HttpStatusCode.Created);
        var refused = await neither.ListItemAsync(Ids.New("neither"), stock: 1);

        refused.Status.ShouldBe(HttpStatusCode.Unauthorized);
        refused.Code.ShouldBe("unauthorized");
        using var truncated = Client(OldKey[..^1]);
        (await truncated.ListItemAsync(Ids.New("prefix"), stock: 1)).Status.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task which_key_a_request_used_is_counted_by_key_and_the_previous_key_is_logged_without_its_value()
    {
        using var scraper = Client(null);
        (await Scrape.OfAsync(scraper))["flashsale_operator_requests_total{key=\"previous\"}"].ShouldBe(0, "the series exist from the start");
        using var newKey = Client(NewKey);
        using var oldKey = Client(OldKey);
        (await newKey.QueryAsync("/api/admin/projections")).Status.ShouldBe(HttpStatusCode.OK);
        (await newKey.QueryAsync("/api/admin/projections")).Status.ShouldBe(HttpStatusCode.OK);
        (await oldKey.QueryAsync("/api/admin/projections")).Status.ShouldBe(HttpStatusCode.OK);

        var scrape = await Scrape.OfAsync(scraper);
        scrape["flashsale_operator_requests_total{key=\"current\"}"].ShouldBe(2);
        scrape["flashsale_operator_requests_total{key=\"previous\"}"].ShouldBe(1);
        var used = _logs.WithEvent(LogEvents.OperatorPreviousKeyUsed).ShouldHaveSingleItem();
        used.Message.ShouldContain("GET /api/admin/projections");
        var accepted = _logs.WithEvent(LogEvents.OperatorKeysAccepted).ShouldHaveSingleItem();
        accepted.Message.ShouldContain(OperatorKey.Fingerprint(NewKey));
        accepted.Message.ShouldContain(OperatorKey.Fingerprint(OldKey));
        foreach (var line in _logs.Lines)
        {
            line.Message.ShouldNotContain(NewKey);
            line.Message.ShouldNotContain(OldKey);
        }
    }

    [Fact]
    public async Task without_a_previous_key_only_the_current_key_opens_and_the_log_says_none_is_accepted()
    {
        using var owner = new FlashSaleApiFactory(new Dictionary<string, string?> { ["Operators:PreviousApiKey"] = "" });
        var logs = new CapturedLogs();
        using var api = owner.WithWebHostBuilder(web => web.ConfigureLogging(logging => logging.AddProvider(logs)));
        using var current = Keyed(api.CreateClient(), FlashSaleApiFactory.OperatorKey);
        using var empty = Keyed(api.CreateClient(), "");

        (await current.QueryAsync("/api/admin/projections")).Status.ShouldBe(HttpStatusCode.OK);
        (await empty.QueryAsync("/api/admin/projections")).Status.ShouldBe(HttpStatusCode.Unauthorized, "an empty previous key is no key");
        logs.WithEvent(LogEvents.OperatorKeysAccepted).ShouldHaveSingleItem().Message.ShouldEndWith("Operators:PreviousApiKey none");
    }

    private HttpClient Client(string? key)
    {
        var client = _api.CreateClient();
        return key is null ? client : Keyed(client, key);
    }

    private static HttpClient Keyed(HttpClient client, string key)
    {
        client.DefaultRequestHeaders.Add(ApiCalls.ApiKeyHeader, key);
        return client;
    }
}
