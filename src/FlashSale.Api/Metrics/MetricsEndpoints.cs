using FlashSale.Api.Limits;
using FlashSale.Application.CommandPath.Resilience;
using FlashSale.Api.Operators;
using FlashSale.Application.CommandPath;
using FlashSale.Application.Orders;
using FlashSale.EventStore;
using Mediator;
using Microsoft.Extensions.Options;
using Prometheus;

namespace FlashSale.Api.Metrics;

public static class MetricsEndpoints
{
    public static IServiceCollection AddFlashSaleMetrics(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MetricsOptions>().Bind(configuration.GetSection(MetricsOptions.Section))
            .Validate(o => o.RefreshSeconds is >= 0 and <= 3600, "Metrics:RefreshSeconds must be between 0 and 3600.")
            .Validate(o => o.InventoryItems is >= 0 and <= 10_000, "Metrics:InventoryItems must be between 0 and 10000.")
            .ValidateOnStart();
        services.AddSingleton(_ =>
        {
            var registry = Prometheus.Metrics.NewCustomRegistry();
            DotNetStats.Register(registry);
            RuntimePauseMetrics.Register(registry);
            return registry;
        });
        services.AddSingleton<ReadSideRefresher>().AddSingleton<ReadSideMetrics>().AddSingleton<InventoryLevels>().AddSingleton<PaymentsMetrics>();
        services.AddSingleton<OrderMetrics>().AddSingleton<RequestDurationMetrics>().AddSingleton<OperabilityMetrics>();
        services.AddSingleton<WritePathMetrics>().AddSingleton<IWritePathMetrics>(sp => sp.GetRequiredService<WritePathMetrics>());
        MeterEventStore(services);
        StoreUpMetrics.AddStoreUpMetrics(services);
        // First in the collection, so Mediator puts them outside the validation behaviour: they must see its failures.
        services.Insert(0, ServiceDescriptor.Singleton<IPipelineBehavior<PlaceOrderRequest, OrderReceipt>, PlaceOrderMetrics>());
        services.Insert(0, ServiceDescriptor.Singleton<IPipelineBehavior<ConfirmPaymentRequest, PaymentReceipt>, ConfirmPaymentMetrics>());
        services.Insert(0, ServiceDescriptor.Singleton<IPipelineBehavior<TimeOutPaymentRequest, bool>, TimeOutPaymentMetrics>());
        return services;
    }

    /// <summary><c>/metrics</c> in the Prometheus text format. Open like <c>/health</c> unless <c>Metrics:RequireOperatorKey</c>.</summary>
    public static void MapFlashSaleMetrics(this IEndpointRouteBuilder app)
    {
        var services = app.ServiceProvider;
        services.GetRequiredService<ReadSideMetrics>();
        services.GetRequiredService<PaymentsMetrics>();
        services.GetRequiredService<OrderMetrics>();
        FollowBreakerAndLimits(services.GetRequiredService<OperabilityMetrics>(), services.GetService<ICircuitState>(),
            services.GetService<IRateLimitRejections>());
        services.GetRequiredService<WritePathMetrics>().ExportQueueDepth(services.GetRequiredService<ItemCommandPath>());
        var endpoint = app.MapMetrics("/metrics", services.GetRequiredService<CollectorRegistry>()).WithTags("Metrics")
            .WithName("Metrics").WithSummary("Prometheus metrics (text exposition format)")
            .WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(void), ["text/plain"]));
        if (services.GetRequiredService<IOptions<MetricsOptions>>().Value.RequireOperatorKey) endpoint.RequireOperator();
    }

    private static void FollowBreakerAndLimits(OperabilityMetrics metrics, ICircuitState? circuit, IRateLimitRejections? rejections)
    {
        if (circuit is not null)
        {
            metrics.SetCircuitBreaker((CircuitBreakerState)(int)circuit.State);
            circuit.StateChanged += state => metrics.SetCircuitBreaker((CircuitBreakerState)(int)state);
        }
        if (rejections is not null)
            rejections.Rejected += limit =>
            {
                if (limit == AdmissionLimit.OrdersPerUser) metrics.RateLimited();
            };
    }

    /// <summary>Every append is timed and counted: the registered event store is wrapped where it is made.</summary>
    private static void MeterEventStore(IServiceCollection services)
    {
        var registered = services.Last(d => d.ServiceType == typeof(IEventStore));
        var create = registered.ImplementationFactory
            ?? throw new InvalidOperationException("The event store must be registered by a factory to be metered.");
        services[services.IndexOf(registered)] = ServiceDescriptor.Singleton<IEventStore>(sp =>
            new MeteredEventStore((IEventStore)create(sp), sp.GetRequiredService<IWritePathMetrics>()));
    }
}
