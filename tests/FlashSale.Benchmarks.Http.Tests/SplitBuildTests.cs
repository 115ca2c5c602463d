using System.Text.Json;
using FlashSale.Benchmarks.Http;

namespace FlashSale.Benchmarks.Http.Tests;

/// <summary>A split build (<c>--split</c>) really is two processes on one data directory: buyers talk to an api process
/// that projects nothing, and the orders it takes are projected by the worker beside it.</summary>
public sealed class SplitBuildTests
{
    // The API project is referenced, so its build sits beside the tests, as the Api tests start it.
    private static readonly string ApiDll = Path.Combine(AppContext.BaseDirectory, "FlashSale.Api.dll");

    [Fact]
    public async Task the_api_process_projects_nothing_and_its_worker_projects_what_it_takes()
    {
        await using var api = await ApiProcess.StartAsync(new ApiBuild("split", ApiDll) { Split = true }, new Dictionary<string, string>());
        using var client = new SaleClient(api);

        await client.ListAsync(["split-item"], stock: 5);
        var position = await client.PlaceProbeAsync("split-item", "split-order");
        var inventory = await client.InventoryAsync("split-item", position);

        api.Pids.Count.ShouldBe(2);
        api.Pids.Distinct().Count().ShouldBe(2);
        (inventory.Available, inventory.Reserved).ShouldBe((4, 1));
        using var http = new HttpClient { BaseAddress = api.Url };
        using var readiness = JsonDocument.Parse(await http.GetStringAsync("/health/ready"));
        readiness.RootElement.GetProperty("projector").GetString().ShouldBe("off");
        readiness.RootElement.GetProperty("payments").GetString().ShouldBe("off");
    }

    [Fact]
    public async Task an_unsplit_build_is_one_process()
    {
        await using var api = await ApiProcess.StartAsync(new ApiBuild("one", ApiDll), new Dictionary<string, string>());

        api.Pids.ShouldHaveSingleItem();
    }
}
