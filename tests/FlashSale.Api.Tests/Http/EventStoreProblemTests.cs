using System.Text.Json;
using FlashSale.Api.Http;
using FlashSale.EventStore;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace FlashSale.Api.Tests.Http;

public sealed class EventStoreProblemTests
{
    public static TheoryData<Exception, int, string> Failures => new()
    {
        { new EventStoreUnavailableException("Node down."), StatusCodes.Status503ServiceUnavailable, "event_store.unavailable" },
        { new EventStoreTimeoutException("Deadline passed."), StatusCodes.Status503ServiceUnavailable, "event_store.timeout" },
        { new EventStoreAccessDeniedException("Denied."), StatusCodes.Status503ServiceUnavailable, "event_store.access_denied" },
        { new AppendTooLargeException("item-a", 1024), StatusCodes.Status503ServiceUnavailable, "event_store.append_too_large" },
        { new StreamDeletedException("item-a"), StatusCodes.Status410Gone, "event_store.stream_deleted" },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task an_event_store_failure_is_a_clear_problem_not_a_500(Exception failure, int status, string code)
    {
        var http = new DefaultHttpContext
        {
            RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider(),
            Response = { Body = new MemoryStream() },
        };

        await Problems.From(failure).ExecuteAsync(http);

        http.Response.StatusCode.ShouldBe(status);
        // As the server does when the request ends: a problem is written into the response's pipe (ADR 0037).
        await http.Response.BodyWriter.FlushAsync();
        http.Response.Body.Position = 0;
        var problem = (await JsonSerializer.DeserializeAsync<Problem>(http.Response.Body, Problems.Json))!;
        problem.Code.ShouldBe(code);
        problem.Detail.ShouldContain(failure.Message);
    }
}
