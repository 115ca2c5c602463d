using System.Net;
using System.Net.Http.Json;
using FlashSale.Api.Tests.Fixtures;
using FlashSale.EventStore;
using Microsoft.Extensions.DependencyInjection;

namespace FlashSale.Api.Tests.Http;

/// <summary>Failures thrown anywhere in a request become the API's problem bodies through the one exception handler.</summary>
public sealed class ExceptionAnswerTests : IDisposable
{
    private readonly FlashSaleApiFactory _factory = new();
    private readonly Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> _api;
    private readonly HttpClient _operator;

    public ExceptionAnswerTests()
    {
        _api = FailingEventStore.Around(_factory);
        _operator = _api.CreateClient();
        _operator.DefaultRequestHeaders.Add(ApiCalls.ApiKeyHeader, FlashSaleApiFactory.OperatorKey);
    }

    private FailingEventStore Store => (FailingEventStore)_api.Services.GetRequiredService<IEventStore>();

    [Fact]
    public async Task a_store_failure_on_the_command_path_is_a_503_problem_that_keeps_the_callers_correlation_id()
    {
        (await _operator.ListItemAsync("flaky", stock: 5)).Status.ShouldBe(HttpStatusCode.Created);
        Store.Fail("item-flaky", new EventStoreUnavailableException("Node down."));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/orders")
        {
            Content = JsonContent.Create(new { orderId = "order-1", itemId = "flaky", userId = "user-1", quantity = 1 }),
        };
        request.Headers.Add("X-Correlation-Id", "checkout-flaky");

        using var response = await _operator.SendAsync(request);
        var answer = await HttpAnswer.ReadAsync(response);

        answer.Status.ShouldBe(HttpStatusCode.ServiceUnavailable, answer.ToString());
        (answer.MediaType, answer.Code).ShouldBe(("application/problem+json", "event_store.unavailable"));
        answer.String("detail").ShouldContain("Node down.");
        response.Headers.GetValues("X-Correlation-Id").ShouldBe(["checkout-flaky"]);
    }

    [Fact]
    public async Task an_invalid_command_keeps_the_callers_correlation_id_on_its_400()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/orders")
        {
            Content = JsonContent.Create(new { orderId = "", itemId = "any", userId = "user-1", quantity = 1 }),
        };
        request.Headers.Add("X-Correlation-Id", "checkout-invalid");

        using var response = await _operator.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Headers.GetValues("X-Correlation-Id").ShouldBe(["checkout-invalid"]);
    }

    [Fact]
    public async Task an_unexpected_exception_is_a_500_internal_error_problem_without_its_message_or_stack()
    {
        Store.Fail("item-explode", new InvalidOperationException("secret detail at /srv/internal/path"));

        var answer = (await _operator.QueryAsync("/api/audit/items/explode")).Answer;

        answer.Status.ShouldBe(HttpStatusCode.InternalServerError, answer.ToString());
        (answer.MediaType, answer.Code).ShouldBe(("application/problem+json", "internal_error"));
        answer.Text.ShouldNotContain("secret");
        answer.Text.ShouldNotContain("Exception");
        answer.Text.ShouldNotContain(" at ");
    }

    public void Dispose()
    {
        _operator.Dispose();
        _api.Dispose();
        _factory.Dispose();
    }
}
