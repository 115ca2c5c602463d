using System.Reflection;
using System.Text;
using FlashSale.Api.Orders;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace FlashSale.Api.Tests.Orders;

/// <summary>The 201 of a reservation is written by hand (ADR 0030): it must answer exactly what the framework's
/// <c>Created</c> result answered, byte for byte, and describe itself the same way in the API document.</summary>
public sealed class OrderCreatedTests
{
    [Theory]
    [InlineData("order-1", "shoe", "2026-12-02T10:00:00+00:00")]
    [InlineData("Zoe-order:1@shop~x.y", "caf\u00e9's <item> & \"more\"", "2026-12-02T10:00:00.1234567+02:00")]
    [InlineData("o", "i", null)]
    public async Task a_reservation_answers_what_the_framework_created_result_answers(string orderId, string itemId, string? until)
    {
        var accepted = new OrderAccepted(orderId, itemId, "reserved", until is null ? null : DateTimeOffset.Parse(until), "0000002a-0000002a");
        var location = $"/api/orders/{Uri.EscapeDataString(orderId)}";

        var framework = await Answer(TypedResults.Created(location, accepted));
        var ours = await Answer(new OrderCreated(location, accepted));

        ours.Status.ShouldBe(framework.Status);
        ours.Headers.ShouldBe(framework.Headers);
        ours.Body.ShouldBe(framework.Body);
    }

    [Fact]
    public void the_api_document_sees_the_same_201_as_for_the_framework_created_result()
    {
        Produces<Created<OrderAccepted>>().ShouldBe(Produces<OrderCreated>());
    }

    private static string Produces<TResult>() where TResult : IEndpointMetadataProvider
    {
        var builder = new RouteEndpointBuilder(_ => Task.CompletedTask, RoutePatternFactory.Parse("/"), 0);
        TResult.PopulateMetadata(typeof(OrderCreatedTests).GetMethod(nameof(Produces), BindingFlags.NonPublic | BindingFlags.Static)!, builder);
        var produced = builder.Metadata.OfType<IProducesResponseTypeMetadata>().ShouldHaveSingleItem();
        return $"{produced.StatusCode} {produced.Type} {string.Join(",", produced.ContentTypes)} {produced.Description}";
    }

    private static async Task<(int Status, string Headers, string Body)> Answer(IResult result)
    {
        var services = new ServiceCollection().AddLogging().AddOrdersJson().BuildServiceProvider();
        var http = new DefaultHttpContext { RequestServices = services };
        var body = new MemoryStream();
        http.Response.Body = body;
        await result.ExecuteAsync(http);
        await http.Response.BodyWriter.FlushAsync();
        var headers = string.Join("\n", http.Response.Headers.OrderBy(h => h.Key, StringComparer.Ordinal).Select(h => $"{h.Key}: {h.Value}"));
        return (http.Response.StatusCode, headers, Encoding.UTF8.GetString(body.ToArray()));
    }
}
