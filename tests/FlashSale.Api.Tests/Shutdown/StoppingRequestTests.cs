using System.Net;
using System.Net.Http.Json;
using FlashSale.Api.Tests.Fixtures;
using FlashSale.Api.Shutdown;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace FlashSale.Api.Tests.Shutdown;

/// <summary>
/// From the first moment of a stop, before the server closes its listener. The stop is signalled here rather than by
/// stopping the in-memory host, which would dispose the services under the requests; the real signal (SIGTERM, the
/// host's ApplicationStopping) is the process test's.
/// </summary>
public sealed class StoppingRequestTests : IDisposable
{
    private readonly FlashSaleApiFactory _api = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly WebApplicationFactory<Program> _host;
    private readonly HttpClient _buyer;
    private readonly HttpClient _operator;

    public StoppingRequestTests()
    {
        _host = _api.WithWebHostBuilder(web => web.ConfigureTestServices(services => services.AddSingleton(new ServerStopping(_stop.Token))));
        _buyer = _host.CreateClient();
        _operator = _host.CreateClient();
        _operator.DefaultRequestHeaders.Add(ApiCalls.ApiKeyHeader, FlashSaleApiFactory.OperatorKey);
    }

    public void Dispose()
    {
        _host.Dispose();
        _api.Dispose();
        _stop.Dispose();
    }

    [Fact]
    public async Task once_the_process_stops_readiness_answers_503_stopping_while_liveness_stays_live()
    {
        (await _buyer.QueryAsync("/health/ready")).Status.ShouldBe(HttpStatusCode.OK);

        await _stop.CancelAsync();
        var ready = await _buyer.QueryAsync("/health/ready");

        ready.Status.ShouldBe(HttpStatusCode.ServiceUnavailable, ready.ToString());
        ready.Json.Str("status").ShouldBe("stopping");
        ready.Json.GetProperty("eventStore").Str("status").ShouldBe("healthy");
        (await _buyer.QueryAsync("/health")).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task an_order_that_arrives_while_stopping_is_refused_503_server_stopping_with_connection_close_and_nothing_appended()
    {
        var itemId = Ids.New("stopping");
        (await _operator.ListItemAsync(itemId, stock: 5)).Status.ShouldBe(HttpStatusCode.Created);
        var head = await HeadAsync();

        await _stop.CancelAsync();
        using var response = await _buyer.PostAsJsonAsync("/api/orders", new { orderId = "late-1", itemId, userId = "buyer-1", quantity = 1 });
        var answer = await HttpAnswer.ReadAsync(response);

        answer.Status.ShouldBe(HttpStatusCode.ServiceUnavailable, answer.ToString());
        answer.MediaType.ShouldBe("application/problem+json");
        answer.Code.ShouldBe("server.stopping");
        response.Headers.ConnectionClose.ShouldBe(true);
        response.Headers.RetryAfter.ShouldNotBeNull().Delta.ShouldBe(TimeSpan.FromSeconds(1));
        (await HeadAsync()).ShouldBe(head, "a refused order decides nothing");
    }

    [Fact]
    public async Task queries_are_refused_too_but_metrics_are_still_scraped()
    {
        var itemId = Ids.New("stopping-query");
        (await _operator.ListItemAsync(itemId, stock: 5)).Status.ShouldBe(HttpStatusCode.Created);

        await _stop.CancelAsync();

        var query = await _buyer.QueryAsync($"/api/items/{itemId}");
        query.Status.ShouldBe(HttpStatusCode.ServiceUnavailable);
        query.Answer.Code.ShouldBe("server.stopping");
        (await _buyer.QueryAsync("/metrics")).Status.ShouldBe(HttpStatusCode.OK);
    }

    private async Task<string?> HeadAsync() =>
        (await _host.Services.GetRequiredService<FlashSale.EventStore.IEventStore>().ReadHeadPositionAsync())?.ToToken();
}
