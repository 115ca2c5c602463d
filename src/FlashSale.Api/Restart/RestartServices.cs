using FlashSale.Application.CommandPath;
using FlashSale.Payments;

namespace FlashSale.Api.Restart;

/// <summary>Where the order index and the payments worker start from: their projections in the read store (ADR 0019).</summary>
public static class RestartServices
{
    public static IServiceCollection AddRestartFromReadStore(this IServiceCollection services)
    {
        services.AddSingleton<IPersistedOrderIndex, ReadStoreOrderIndex>();
        services.AddSingleton<IPersistedReservations, ReadStoreReservations>();
        return services;
    }
}
