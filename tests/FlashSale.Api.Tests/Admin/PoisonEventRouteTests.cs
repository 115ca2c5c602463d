using System.Net;
using FlashSale.Api.Tests.Fixtures;
using FlashSale.EventStore;

namespace FlashSale.Api.Tests.Admin;

/// <summary>Events a projection could not apply are its poison events; the route's old name still answers, marked deprecated.</summary>
public sealed class PoisonEventRouteTests(FlashSaleApiFactory api) : IClassFixture<FlashSaleApiFactory>
{
    [Fact]
    public async Task poison_events_are_listed_at_their_route_and_the_old_dead_letters_route_answers_the_same_marked_deprecated()
    {
        var poisoned = (AppendResult.Success)await api.Store.AppendAsync($"item-{Ids.New("poison")}", ExpectedRevision.NoStream,
            [new EventData(Guid.NewGuid(), "V1.StockAdded", "{not json"u8.ToArray(), ReadOnlyMemory<byte>.Empty)]);
        await api.Operator.QueryUntilAsync("/api/admin/projections/inventory", a => a.Json.Int("deadLetters") == 1,
            TimeSpan.FromSeconds(10), "the poison event to be recorded");

        var current = await api.Operator.QueryAsync("/api/admin/projections/inventory/poison-events");
        var alias = await api.Operator.QueryAsync("/api/admin/projections/inventory/dead-letters");

        current.Status.ShouldBe(HttpStatusCode.OK, current.ToString());
        current.Json.Str("projection").ShouldBe("inventory");
        var poison = current.Items().ShouldHaveSingleItem();
        (poison.Str("position"), poison.Str("eventType")).ShouldBe((poisoned.Position.ToToken(), "V1.StockAdded"));
        current.Header("Deprecation").ShouldBeNull();
        current.Header("Link").ShouldBeNull();
        alias.Answer.SameAs(current.Answer).ShouldBeTrue($"alias: {alias}\ncurrent: {current}");
        alias.Header("Deprecation").ShouldBe("true");
        alias.Header("Link").ShouldBe("</api/admin/projections/inventory/poison-events>; rel=\"successor-version\"");
    }

    [Fact]
    public async Task the_old_route_says_it_is_deprecated_on_its_errors_too()
    {
        var unknown = await api.Operator.QueryAsync("/api/admin/projections/stock/dead-letters");
        var badLimit = await api.Operator.QueryAsync("/api/admin/projections/inventory/dead-letters?limit=0");

        (unknown.Status, unknown.Answer.Code).ShouldBe((HttpStatusCode.NotFound, "projection.not_found"));
        (badLimit.Status, badLimit.Answer.Code).ShouldBe((HttpStatusCode.BadRequest, "validation_failed"));
        unknown.Header("Deprecation").ShouldBe("true");
        badLimit.Header("Deprecation").ShouldBe("true");
        badLimit.Header("Link").ShouldBe("</api/admin/projections/inventory/poison-events>; rel=\"successor-version\"");
    }

    [Fact]
    public async Task poison_events_are_closed_to_buyers_and_unknown_projections_are_404()
    {
        var buyer = await api.Buyer.QueryAsync("/api/admin/projections/inventory/poison-events");
        var unknown = await api.Operator.QueryAsync("/api/admin/projections/stock/poison-events");

        (buyer.Status, buyer.Answer.Code).ShouldBe((HttpStatusCode.Unauthorized, "unauthorized"));
        (unknown.Status, unknown.Answer.Code).ShouldBe((HttpStatusCode.NotFound, "projection.not_found"));
    }
}
