using FlashSale.ReadModels.PostgreSql;
using FlashSale.ReadModels.Sqlite;
using FlashSale.ReadModels.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FlashSale.Hosting;

public static class ReadStoreServices
{
    /// <summary>The configured read-model store: ReadStore:Provider = Sqlite (default) | PostgreSql.</summary>
    public static IServiceCollection AddFlashSaleReadStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddFlashSaleStorage(configuration);
        services.AddOptions<ReadStoreOptions>().Bind(configuration.GetSection(ReadStoreOptions.Section))
            .Validate(o => o.Provider is ReadStoreProviders.Sqlite or ReadStoreProviders.PostgreSql,
                $"ReadStore:Provider must be '{ReadStoreProviders.Sqlite}' or '{ReadStoreProviders.PostgreSql}'.")
            .Validate(o => o.Provider != ReadStoreProviders.PostgreSql || !string.IsNullOrWhiteSpace(o.ConnectionString),
                "ReadStore:ConnectionString is required when ReadStore:Provider is PostgreSql.")
            .ValidateOnStart();
        services.AddSingleton<IReadModelStore>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<ReadStoreOptions>>().Value;
            var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger("FlashSale.ReadStore");
            if (options.Provider == ReadStoreProviders.PostgreSql)
            {
                logger.ReadStoreOpened("PostgreSQL", StoreLog.PostgreSqlLocation(options.ConnectionString!));
                // Down or restarting: queries answer 503 read_store.unavailable, the projections retry.
                return new ReadStoreOutageGuard(new PostgreSqlReadModelStore(options.ConnectionString!), PostgreSqlOutages.IsOutage);
            }
            var path = sp.GetRequiredService<IOptions<StorageOptions>>().Value.ReadModelsDatabasePath;
            logger.ReadStoreOpened("SQLite", path);
            return SqliteReadModelStore.Open(path);
        });
        return services;
    }
}
