using FlashSale.EventStore.Marten;
using FlashSale.Testing.PostgreSql;

namespace FlashSale.EventStore.Tests.Marten;

/// <summary>Opens Marten event stores on the test server, each test in a schema of its own.</summary>
internal static class MartenStores
{
    public static async Task<MartenEventStoreSettings> NewSchemaAsync(PostgresServer server, string testClass) =>
        new(await server.DatabaseOfAsync(testClass), Schema: $"es_{Guid.NewGuid():N}", PollInterval: TimeSpan.FromMilliseconds(20));

    public static async Task<MartenEventStore> OpenAsync(PostgresServer server, string testClass) =>
        await MartenEventStore.OpenAsync(await NewSchemaAsync(server, testClass));
}
