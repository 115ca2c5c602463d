using System.Globalization;
using Microsoft.Extensions.DependencyInjection.Extensions;

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
        services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(TimeoutSeconds(configuration)));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ServerStopping>();
        services.AddHostedService<GracefulShutdown>();
        services.AddTransient<IStartupFilter, StoppingRequestsFirst>();
        return services;
    }

    /// <summary>Read from the configuration itself: the host takes its options when it is built, before the start-up check
    /// can report a bad value (which then stops the start, so the default here never runs).</summary>
    private static double TimeoutSeconds(IConfiguration configuration) =>
        double.TryParse(configuration[$"{ShutdownOptions.Section}:{nameof(ShutdownOptions.TimeoutSeconds)}"], NumberStyles.Float,
            CultureInfo.InvariantCulture, out var seconds) && seconds is > 0 and <= 3600
            ? seconds
            : new ShutdownOptions().TimeoutSeconds;

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
