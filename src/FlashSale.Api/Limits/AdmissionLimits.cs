using System.Threading.RateLimiting;
using FlashSale.Api.Http;

namespace FlashSale.Api.Limits;

/// <summary>The global concurrency limit (shed with 503 <c>overloaded</c>) and the per-user order limit (429).</summary>
public static class AdmissionLimits
{
    public const string OverloadedCode = "overloaded";

    public static IServiceCollection AddAdmissionLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitingOptions>().Bind(configuration.GetSection(RateLimitingOptions.Section))
            .Validate(o => o.OrdersPerUser.PermitLimit >= 1, "RateLimiting:OrdersPerUser:PermitLimit must be 1 or more.")
            .Validate(o => o.OrdersPerUser.Window > TimeSpan.Zero, "RateLimiting:OrdersPerUser:Window must be above 0 (e.g. 00:01:00).")
            .Validate(o => o.Concurrency.PermitLimit >= 1, "RateLimiting:Concurrency:PermitLimit must be 1 or more.")
            .Validate(o => o.Concurrency.QueueLimit >= 0, "RateLimiting:Concurrency:QueueLimit must be 0 or more.")
            .ValidateOnStart();
        services.AddSingleton<RateLimitRejections>();
        services.AddSingleton<IRateLimitRejections>(sp => sp.GetRequiredService<RateLimitRejections>());
        services.AddSingleton<OrderRateLimit>();
        services.AddRateLimiter(_ => { });
        services.AddOptions<Microsoft.AspNetCore.RateLimiting.RateLimiterOptions>()
            .Configure<Microsoft.Extensions.Options.IOptions<RateLimitingOptions>, RateLimitRejections>((limiter, options, rejections) =>
            {
                var limit = options.Value.Concurrency;
                var everyRequest = new ConcurrencyLimiterOptions
                {
                    PermitLimit = limit.PermitLimit,
                    QueueLimit = limit.QueueLimit,
                    QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                };
                // Health and metrics stay answerable under overload: that is when they are needed. The partition makes
                // its own limiter: the partitioned limiter disposes a partition's limiter after it has been idle ~10 s and
                // asks the factory again, so a shared instance would be handed out disposed (503 for every request).
                // The two partitions are made once, not per request.
                var probes = RateLimitPartition.GetNoLimiter("probes");
                var requests = RateLimitPartition.GetConcurrencyLimiter("requests", _ => everyRequest);
                limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http => IsProbe(http.Request.Path) ? probes : requests);
                limiter.OnRejected = (rejected, _) =>
                {
                    rejections.Record(AdmissionLimit.Concurrency);
                    rejected.HttpContext.Response.Headers.RetryAfter = "1";
                    return new ValueTask(Problems.Create(StatusCodes.Status503ServiceUnavailable, "Overloaded",
                        "The service is at its concurrency limit; retry shortly (with the same order id).", OverloadedCode)
                        .ExecuteAsync(rejected.HttpContext));
                };
            });
        return services;
    }

    public static IApplicationBuilder UseAdmissionLimits(this IApplicationBuilder app) => app.UseRateLimiter();

    /// <summary>Order placement counts against the caller's per-user limit.</summary>
    public static RouteHandlerBuilder RequireOrderRateLimit(this RouteHandlerBuilder endpoint) =>
        // The one limiter instance holds every user's window: resolved once when the endpoint is built, not per request.
        endpoint.AddEndpointFilterFactory((factory, next) =>
        {
            var limit = factory.ApplicationServices.GetRequiredService<OrderRateLimit>();
            return context => limit.InvokeAsync(context, next);
        });

    private static bool IsProbe(PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments("/metrics");
}
