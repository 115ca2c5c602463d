using Prometheus;

namespace FlashSale.Api.Metrics;

public static class MetricsEndpoints
{
    public static IServiceCollection AddFlashSaleMetrics(this IServiceCollection services) =>
        services.AddSingleton(_ =>
        {
            var registry = Prometheus.Metrics.NewCustomRegistry();
            DotNetStats.Register(registry);
            return registry;
        }).AddSingleton<ReadSideMetrics>().AddSingleton<PaymentsMetrics>();

    /// <summary><c>/metrics</c> in the Prometheus text format. Open like <c>/health</c>: scrapers carry no operator key.</summary>
    public static void MapFlashSaleMetrics(this IEndpointRouteBuilder app)
    {
        var services = app.ServiceProvider;
        services.GetRequiredService<ReadSideMetrics>();
        services.GetRequiredService<PaymentsMetrics>();
        app.MapMetrics("/metrics", services.GetRequiredService<CollectorRegistry>());
    }
}
