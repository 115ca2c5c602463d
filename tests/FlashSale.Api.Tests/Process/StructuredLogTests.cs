using System.Net;
using System.Text.Json;
using FlashSale.Api.Tests.Fixtures;

namespace FlashSale.Api.Tests.Process;

/// <summary>Outside Development the API logs one JSON object per line; a request's lines carry its correlation id.</summary>
[Collection(ProcessCollection.Name)]
public sealed class StructuredLogTests : IDisposable
{
    private readonly TempDataDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task every_console_line_is_a_json_object_and_a_requests_lines_carry_its_correlation_id_and_service()
    {
        using var api = await ApiProcess.StartAsync(_data.Path, ApiProcess.FreePort(), new Dictionary<string, string>
        {
            ["Logging__LogLevel__Default"] = "Information",
            ["Logging__LogLevel__Microsoft.AspNetCore"] = "Information",
            ["Roles"] = "api", // the service field is the process role
        });
        using var operators = api.CreateClient(ApiProcess.OperatorKey);
        (await operators.ListItemAsync("logged", stock: 1)).Status.ShouldBe(HttpStatusCode.Created);
        using var buyer = api.CreateClient();
        buyer.DefaultRequestHeaders.Add("X-Correlation-Id", "trace-me-1");
        (await buyer.PlaceOrderAsync("o-logged", "logged", "u-1")).Status.ShouldBe(HttpStatusCode.Created);
        await Task.Delay(500); // the console logger writes on its own thread

        var lines = api.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.ShouldNotBeEmpty();
        var entries = lines.Select(line => JsonDocument.Parse(line).RootElement).ToList();
        foreach (var entry in entries)
            (entry.TryGetProperty("Timestamp", out _) && entry.TryGetProperty("LogLevel", out _) && entry.TryGetProperty("Message", out _))
                .ShouldBeTrue(entry.ToString());
        entries.Any(CarriesTheRequestsScope).ShouldBeTrue(api.Output);
    }

    private static bool CarriesTheRequestsScope(JsonElement entry) =>
        entry.TryGetProperty("Scopes", out var scopes) && scopes.EnumerateArray().Any(scope =>
            scope.ValueKind == JsonValueKind.Object
            && scope.TryGetProperty("correlation_id", out var id) && id.GetString() == "trace-me-1"
            && scope.TryGetProperty("service", out var service) && service.GetString() == "api");
}
