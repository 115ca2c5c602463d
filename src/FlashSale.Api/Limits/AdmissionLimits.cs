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
        services.AddSingleton<ConcurrencyAdmission>();
        return services;
    }

    public static IApplicationBuilder UseAdmissionLimits(this IApplicationBuilder app)
    {
        var admission = app.ApplicationServices.GetRequiredService<ConcurrencyAdmission>();
        return app.Use((http, next) => admission.InvokeAsync(http, next));
    }
}
