using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FlashSale.Api.Tests.Fixtures;
using FlashSale.Application.CommandPath;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace FlashSale.Api.Tests.Restart;

/// <summary>An API whose order index has not caught up with the log yet (its persisted index never finishes loading):
/// it is live, not ready, and commands that need the index are refused with a retryable 503.</summary>
public sealed class CatchingUpTests : IDisposable
{
    private readonly FlashSaleApiFactory _api = new(new Dictionary<string, string?> { ["Restart:IndexWaitSeconds"] = "0.2" }) { WaitForCatchUp = false };
    private readonly Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> _stuck;

    public CatchingUpTests() => _stuck = _api.WithWebHostBuilder(web => web.ConfigureTestServices(services =>
        services.AddSingleton<IPersistedOrderIndex>(new NeverLoaded())));

    [Fact]
    public async Task liveness_answers_while_readiness_says_the_order_index_is_catching_up()
    {
        using var client = _stuck.CreateClient();

        (await client.GetAsync("/health")).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var ready = await client.GetAsync("/health/ready");
        var body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement;

        ready.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable, body.ToString());
        body.GetProperty("status").GetString().ShouldBe("starting");
        var index = body.GetProperty("catchingUp").GetProperty("order-index");
        index.GetProperty("state").GetString().ShouldBe("starting");
        index.GetProperty("eventsHandled").GetInt64().ShouldBe(0);
    }

    [Fact]
    public async Task placing_an_order_and_a_payment_naming_no_item_answer_503_order_index_catching_up_with_retry_after()
    {
        using var client = _stuck.CreateClient();

        using var place = await client.PostAsJsonAsync("/api/orders", new { orderId = "o-1", itemId = "mug", userId = "u-1", quantity = 1 });
        var placed = await HttpAnswer.ReadAsync(place);
        var paid = await client.PayAsync("o-1", "ref-1");

        placed.Status.ShouldBe(HttpStatusCode.ServiceUnavailable, placed.ToString());
        placed.Code.ShouldBe(OrderIndexCatchingUpException.Code);
        placed.String("detail").ShouldContain("order-index");
        place.Headers.RetryAfter.ShouldNotBeNull().Delta.ShouldBe(TimeSpan.FromSeconds(1));
        paid.Status.ShouldBe(HttpStatusCode.ServiceUnavailable, paid.ToString());
        paid.Code.ShouldBe(OrderIndexCatchingUpException.Code);
    }

    public void Dispose()
    {
        _stuck.Dispose();
        _api.Dispose();
    }

    private sealed class NeverLoaded : IPersistedOrderIndex
    {
        public async Task<PersistedOrders?> LoadAsync(CancellationToken cancellationToken)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return null;
        }
    }
}
