using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace FlashSale.Api.Shutdown;

public static class ShutdownServices
{
    /// <summary>Graceful shutdown on SIGTERM / Ctrl+C (<see cref="GracefulShutdown"/> has the order of the steps).</summary>
    public static IServiceCollection AddGracefulShutdown(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ShutdownOptions>().Bind(configuration.GetSection(ShutdownOptions.Section))
            .Validate(o => o.TimeoutSeconds is > 0 and <= 3600, "Shutdown:TimeoutSeconds must be above 0 and at most 3600.")
            .Validate(o => o.DrainSeconds >= 0 && o.DrainSeconds < o.TimeoutSeconds,
                "Shutdown:DrainSeconds must be 0 or more and below Shutdown:TimeoutSeconds (the drain is part of the stop).")
            .ValidateOnStart();
        services.AddOptions<HostOptions>().Configure<IOptions<ShutdownOptions>>((host, shutdown) =>
            host.ShutdownTimeout = TimeSpan.FromSeconds(shutdown.Value.TimeoutSeconds is > 0 and <= 3600 ? shutdown.Value.TimeoutSeconds : 30));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ServerStopping>();
        services.AddHostedService<GracefulShutdown>();
        services.AddTransient<IStartupFilter, StoppingRequestsFirst>();
        return services;
    }

    /// <summary>Ahead of the whole pipeline: a stopping process refuses before it spends anything on a request.</summary>
    private sealed class StoppingRequestsFirst : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.UseMiddleware<StoppingRequests>();
            next(app);
        };
    }
}
