using FlashSale.Subscriptions.Status;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FlashSale.Subscriptions;

public static class SubscriptionServices
{
    /// <summary>The registry of this process's log followers (safe to call from every area that runs one).</summary>
    public static IServiceCollection AddLogFollowers(this IServiceCollection services)
    {
        services.TryAddSingleton<LogFollowers>();
        return services;
    }
}
