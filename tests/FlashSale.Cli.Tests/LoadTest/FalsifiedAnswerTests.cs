using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FlashSale.Cli.LoadTest;
using FlashSale.Cli.Output;
using FlashSale.LoadTest;

namespace FlashSale.Cli.Tests.LoadTest;

/// <summary>The checks must be able to fail: an inventory answer that disagrees with what the buyers were told
/// fails the run with exit 1, naming the check.</summary>
public sealed class FalsifiedAnswerTests
{
    [Fact]
    public async Task an_inventory_answer_with_one_unit_too_many_sold_fails_the_run()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var plan = new LoadTestPlan(new LoadTestOptions
        {
            Url = new Uri("http://127.0.0.1:0/"), OperatorKey = "in-process", Orders = 80, Stock = 20, Concurrency = 4, Users = 40,
        }, HostInProcess: true, ConfirmRate: 0, ReportPath: null);

        var exitCode = await LoadTestDriver.RunAsync(plan, new CommandOutput(CliConsole.Capture(stdout, stderr, false), json: true),
            CancellationToken.None, wrap: inner => new OneMoreSold(inner));

        exitCode.ShouldBe(ExitCodes.Differences, stdout + "\n" + stderr);
        var checks = JsonDocument.Parse(stdout.ToString()).RootElement.GetProperty("checks").EnumerateArray()
            .ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("passed").GetBoolean());
        checks["inventory_matches"].ShouldBeFalse();
        checks["no_server_errors"].ShouldBeTrue();
        checks["repeats_identical"].ShouldBeTrue();
    }

    /// <summary>Adds one unit to <c>sold</c> in every inventory answer, as a read model that double-counted would.</summary>
    private sealed class OneMoreSold(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (request.Method != HttpMethod.Get || !request.RequestUri!.AbsolutePath.StartsWith("/api/items/", StringComparison.Ordinal)
                || !response.IsSuccessStatusCode) return response;
            var row = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!.AsObject();
            row["sold"] = row["sold"]!.GetValue<long>() + 1;
            response.Content = new StringContent(row.ToJsonString(), Encoding.UTF8, "application/json");
            return response;
        }
    }
}
