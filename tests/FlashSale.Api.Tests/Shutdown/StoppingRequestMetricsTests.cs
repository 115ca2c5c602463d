using System.Net;
using System.Net.Http.Json;
using FlashSale.Api.Shutdown;
using FlashSale.Api.Tests.Fixtures;
using FlashSale.Api.Tests.Metrics;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace FlashSale.Api.Tests.Shutdown;

/// <summary>The 503s of a drain are answers like any other: <c>flashsale_request_duration_seconds</c> counts them.</summary>
public sealed class StoppingRequestMetricsTests : IDisposable
{
    private const string Refused = "flashsale_request_duration_seconds_count{route=\"unmatched\",method=\"POST\",status=\"5xx\"}";
    private readonly FlashSaleApiFactory _api = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly WebApplicationFactory<Program> _host;

    public StoppingRequestMetricsTests() =>
        _host = _api.WithWebHostBuilder(web => web.ConfigureTestServices(services => services.AddSingleton(new ServerStopping(_stop.Token))));

    public void Dispose()
    {
        _host.Dispose();
        _api.Dispose();
        _stop.Dispose();
    }

    [Fact]
    public async Task orders_refused_503_while_stopping_are_counted_in_the_request_duration_histogram_as_5xx()
    {
        using var client = _host.CreateClient();
        var before = await Scrape.OfAsync(client);
        before.Has(Refused).ShouldBeFalse("nothing was refused before the stop");

        await _stop.CancelAsync();
        for (var i = 0; i < 3; i++)
        {
            using var refused = _host.CreateClient();
            using var response = await refused.PostAsJsonAsync("/api/orders", new { orderId = $"late-{i}", itemId = "sku", userId = "buyer", quantity = 1 });
            response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        }

        var after = await Scrape.OfAsync(client);
        after[Refused].ShouldBe(3);
    }
}
