using System.Net;
using System.Net.Http.Json;
using FlashSale.Api.Limits;
using FlashSale.Api.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace FlashSale.Api.Tests.Resilience;

public sealed class OrderRateLimitTests : IDisposable
{
    private readonly FlashSaleApiFactory _api = new(new Dictionary<string, string?>
    {
        ["RateLimiting:OrdersPerUser:PermitLimit"] = "3",
        ["RateLimiting:OrdersPerUser:Window"] = "00:00:02",
    });

    private IRateLimitRejections Rejections => _api.Services.GetRequiredService<IRateLimitRejections>();

    [Fact]
    public async Task a_user_over_the_limit_gets_429_with_retry_after_and_other_users_are_not_affected()
    {
        await _api.ListItemAsync("limited", stock: 100, perUserLimit: 100);
        for (var i = 0; i < 3; i++) (await _api.PlaceOrderAsync($"a-{i}", "limited", "alice")).Status.ShouldBe(HttpStatusCode.Created);

        using var response = await _api.Buyer.PostAsJsonAsync("/api/orders", new { orderId = "a-3", itemId = "limited", userId = "alice", quantity = 1 });
        var refused = await HttpAnswer.ReadAsync(response);

        (refused.Status, refused.Code, refused.MediaType).ShouldBe((HttpStatusCode.TooManyRequests, "rate_limited", "application/problem+json"));
        response.Headers.RetryAfter!.Delta!.Value.TotalSeconds.ShouldBeInRange(1, 2);
        (await _api.PlaceOrderAsync("b-0", "limited", "bob")).Status.ShouldBe(HttpStatusCode.Created);
        Rejections.Count(AdmissionLimit.OrdersPerUser).ShouldBe(1);
        (await _api.ReadItemAsync("limited")).Count(e => e is FlashSale.Domain.Items.OrderPlaced { UserId: "alice" }).ShouldBe(3);
    }

    [Fact]
    public async Task repeating_an_order_already_placed_is_answered_and_does_not_count()
    {
        await _api.ListItemAsync("limited", stock: 100, perUserLimit: 100);
        var first = await _api.PlaceOrderAsync("a-0", "limited", "alice");

        for (var i = 0; i < 5; i++) (await _api.PlaceOrderAsync("a-0", "limited", "alice")).SameAs(first).ShouldBeTrue();
        (await _api.PlaceOrderAsync("a-1", "limited", "alice")).Status.ShouldBe(HttpStatusCode.Created);
        (await _api.PlaceOrderAsync("a-2", "limited", "alice")).Status.ShouldBe(HttpStatusCode.Created);

        (await _api.PlaceOrderAsync("a-3", "limited", "alice")).Status.ShouldBe(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task a_rejected_order_counts_because_its_rejection_is_written_to_the_log()
    {
        await _api.ListItemAsync("scarce", stock: 1, perUserLimit: 1);
        (await _api.PlaceOrderAsync("a-0", "scarce", "alice")).Status.ShouldBe(HttpStatusCode.Created);
        for (var i = 1; i < 3; i++) (await _api.PlaceOrderAsync($"a-{i}", "scarce", "alice")).Status.ShouldBe(HttpStatusCode.Conflict);

        (await _api.PlaceOrderAsync("a-3", "scarce", "alice")).Status.ShouldBe(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task the_budget_comes_back_when_the_window_ends()
    {
        await _api.ListItemAsync("limited", stock: 100, perUserLimit: 100);
        for (var i = 0; i < 3; i++) await _api.PlaceOrderAsync($"a-{i}", "limited", "alice");
        (await _api.PlaceOrderAsync("a-3", "limited", "alice")).Status.ShouldBe(HttpStatusCode.TooManyRequests);

        await Task.Delay(TimeSpan.FromSeconds(2.2));

        (await _api.PlaceOrderAsync("a-3", "limited", "alice")).Status.ShouldBe(HttpStatusCode.Created);
    }

    public void Dispose() => _api.Dispose();
}
