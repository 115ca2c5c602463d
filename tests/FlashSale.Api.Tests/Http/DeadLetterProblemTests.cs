using System.Text.Json;
using FlashSale.Api.Http;
using FlashSale.Domain;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace FlashSale.Api.Tests.Http;

public sealed class DeadLetterProblemTests
{
    [Theory]
    [InlineData(DomainErrors.OrderNotDeadLettered, "Order is not a dead letter")]
    [InlineData(DomainErrors.OrderDiscarded, "Order discarded")]
    public async Task a_dead_letter_decision_on_an_order_in_the_wrong_state_is_a_conflict(string code, string title)
    {
        var http = new DefaultHttpContext
        {
            RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider(),
            Response = { Body = new MemoryStream() },
        };

        await Problems.From(new DomainException(code, "explained")).ExecuteAsync(http);

        http.Response.StatusCode.ShouldBe(StatusCodes.Status409Conflict);
        // As the server does when the request ends: a problem is written into the response's pipe (ADR 0037).
        await http.Response.BodyWriter.FlushAsync();
        http.Response.Body.Position = 0;
        var problem = (await JsonSerializer.DeserializeAsync<Problem>(http.Response.Body, Problems.Json))!;
        problem.Code.ShouldBe(code);
        problem.Title.ShouldBe(title);
        problem.Detail.ShouldBe("explained");
    }
}
