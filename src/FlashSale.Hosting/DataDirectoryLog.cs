using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FlashSale.Hosting;

/// <summary>Where the embedded stores are, said once at start, so an empty shop in an unexpected place is noticed.</summary>
public static class DataDirectoryLog
{
    /// <returns>Null when neither the event store nor the read store keeps files in the data directory.</returns>
    public static string? Describe(IServiceProvider services)
    {
        var usesFiles = services.GetRequiredService<IOptions<EventStoreOptions>>().Value.Provider
                .Equals(EventStoreProviders.Sqlite, StringComparison.OrdinalIgnoreCase)
            || services.GetService<IOptions<ReadStoreOptions>>()?.Value.Provider == ReadStoreProviders.Sqlite;
        return usesFiles ? services.GetRequiredService<IOptions<StorageOptions>>().Value.Describe() : null;
    }

    public static void LogDataDirectory(this IServiceProvider services, ILogger logger)
    {
        if (Describe(services) is { } directory) logger.DataDirectory(directory);
    }
}
