using FlashSale.Api.Tests.Fixtures;
using FlashSale.EventStore.Marten;
using FlashSale.Testing.PostgreSql;

namespace FlashSale.Api.Tests.Marten;

/// <summary>Settings that put an API on the PostgreSQL event store, each test in a fresh schema.</summary>
public static class MartenApi
{
    public static async Task<Dictionary<string, string?>> SettingsAsync(PostgresServer server, string testClass,
        IReadOnlyDictionary<string, string?>? more = null) =>
        new(more ?? new Dictionary<string, string?>())
        {
            ["EventStore:Provider"] = "PostgreSql",
            ["EventStore:ConnectionString"] = await server.DatabaseOfAsync(testClass),
            ["EventStore:Schema"] = $"es_{Guid.NewGuid():N}",
        };

    public static async Task<FlashSaleApiFactory> StartAsync(PostgresServer server, string testClass,
        IReadOnlyDictionary<string, string?>? more = null) =>
        new(await SettingsAsync(server, testClass, more));

    /// <summary>A reader of its own on the store the settings name, as a fresh process would open it.</summary>
    public static Task<MartenEventStore> OpenReaderAsync(IReadOnlyDictionary<string, string?> settings) =>
        MartenEventStore.OpenAsync(new MartenEventStoreSettings(settings["EventStore:ConnectionString"]!, settings["EventStore:Schema"]!));
}
