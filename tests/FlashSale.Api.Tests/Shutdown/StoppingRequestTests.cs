using System.Net;
using System.Net.Http.Json;
using FlashSale.Api.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace FlashSale.Api.Tests.Shutdown;

/// <summary>From the first moment of a stop (ApplicationStopping), before the server closes its listener.</summary>
public sealed class StoppingRequestTests
{
    [Fact]
    public async Task once_the_process_stops_readiness_answers_503_stopping_while_liveness_stays_live()
    {
        using var api = new FlashSaleApiFactory();
        (await api.Buyer.QueryAsync("/health/ready")).Status.ShouldBe(HttpStatusCode.OK);

        api.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
        var ready = await api.Buyer.QueryAsync("/health/ready");

        ready.Status.ShouldBe(HttpStatusCode.ServiceUnavailable, ready.ToString());
        ready.Json.Str("status").ShouldBe("stopping");
        ready.Json.GetProperty("eventStore").Str("status").ShouldBe("healthy");
        (await api.Buyer.QueryAsync("/health")).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task an_order_that_arrives_while_stopping_is_refused_503_server_stopping_with_connection_close_and_nothing_appended()
    {
        using var api = new FlashSaleApiFactory();
        var itemId = Ids.New("stopping");
        (await api.ListItemAsync(itemId, stock: 5)).Status.ShouldBe(HttpStatusCode.Created);
        var head = await api.HeadAsync();

        api.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
        using var response = await api.Buyer.PostAsJsonAsync("/api/orders", new { orderId = "late-1", itemId, userId = "buyer-1", quantity = 1 });
        var answer = await HttpAnswer.ReadAsync(response);

        answer.Status.ShouldBe(HttpStatusCode.ServiceUnavailable, answer.ToString());
        answer.MediaType.ShouldBe("application/problem+json");
        answer.Code.ShouldBe("server.stopping");
        response.Headers.ConnectionClose.ShouldBe(true);
        response.Headers.RetryAfter?.Delta.ShouldBe(TimeSpan.FromSeconds(1));
        (await api.HeadAsync()).ShouldBe(head, "a refused order decides nothing");
    }

    [Fact]
    public async Task queries_are_refused_too_but_metrics_are_still_scraped()
    {
        using var api = new FlashSaleApiFactory();
        var itemId = Ids.New("stopping-query");
        (await api.ListItemAsync(itemId, stock: 5)).Status.ShouldBe(HttpStatusCode.Created);

        api.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();

        var query = await api.Buyer.QueryAsync($"/api/items/{itemId}");
        query.Status.ShouldBe(HttpStatusCode.ServiceUnavailable);
        query.Answer.Code.ShouldBe("server.stopping");
        (await api.Buyer.QueryAsync("/metrics")).Status.ShouldBe(HttpStatusCode.OK);
    }
}
