using FlashSale.EventStore;
using FlashSale.EventStore.Sqlite;
using Microsoft.Extensions.Options;

namespace FlashSale.Api.Hosting;

public static class EventStoreServices
{
    /// <summary>The embedded SQLite event store under <see cref="StorageOptions.DataDirectory"/>.</summary>
    public static IServiceCollection AddEmbeddedEventStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.Section))
            .Validate(o => !string.IsNullOrWhiteSpace(o.DataDirectory), "Storage:DataDirectory must name a directory.")
            .ValidateOnStart();
        services.AddSingleton<IEventStore>(sp =>
        {
            var path = sp.GetRequiredService<IOptions<StorageOptions>>().Value.EventsDatabasePath;
            sp.GetRequiredService<ILogger<SqliteEventStore>>().LogInformation("Event store: SQLite at {Path}", path);
            return SqliteEventStore.OpenAsync(path).GetAwaiter().GetResult();
        });
        return services;
    }
}
