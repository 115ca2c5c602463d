using System.Text;
using FlashSale.Api.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace FlashSale.Api.Tests.Http;

/// <summary>A problem is written by hand (ADR 0037): it must answer exactly what the framework's JSON result with the
/// problem options answered, byte for byte, and need none of the request's services.</summary>
public sealed class ProblemAnswerTests
{
    public static TheoryData<Problem> Cases => new()
    {
        Problems.Of(StatusCodes.Status409Conflict, "Order rejected", "Not enough stock is left for this order.", "sold_out")
            with { OrderId = "o-1", ItemId = "caf\u00e9's <item> & \"more\"", Position = "0000002a-0000002a" },
        Problems.Of(StatusCodes.Status400BadRequest, "One or more fields are invalid.", "'orderId' must not be empty. \u4e2d",
            "validation_failed", new Dictionary<string, string[]> { ["orderId"] = ["'orderId' must not be empty."], ["quantity"] = ["a", "b"] }),
        Problems.Of(StatusCodes.Status409Conflict, "Order rejected", "Not started.", "sale_not_active")
            with { SaleStartsAt = DateTimeOffset.Parse("2026-12-02T10:00:00.1234567+02:00"), SaleEndedAt = DateTimeOffset.UnixEpoch },
        Problems.Of(StatusCodes.Status503ServiceUnavailable, "Overloaded", "Retry.", "overloaded"),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task a_problem_answers_what_the_framework_json_result_answers(Problem problem)
    {
        var framework = await Answer(TypedResults.Json(problem, Problems.Json, ProblemResult.MediaType, problem.Status), withServices: true);
        var ours = await Answer(new ProblemResult(problem), withServices: false);

        ours.ShouldBe(framework);
    }

    private static async Task<string> Answer(IResult result, bool withServices)
    {
        var http = new DefaultHttpContext();
        if (withServices) http.RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider();
        var body = new MemoryStream();
        http.Response.Body = body;
        await result.ExecuteAsync(http);
        await http.Response.BodyWriter.FlushAsync();
        var headers = string.Join("\n", http.Response.Headers.OrderBy(h => h.Key, StringComparer.Ordinal).Select(h => $"{h.Key}: {h.Value}"));
        return $"{http.Response.StatusCode}\n{headers}\n{Encoding.UTF8.GetString(body.ToArray())}";
    }
}
