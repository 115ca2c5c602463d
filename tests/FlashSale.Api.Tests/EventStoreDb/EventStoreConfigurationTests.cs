using FlashSale.Api.Tests.Fixtures;

namespace FlashSale.Api.Tests.EventStoreDb;

public sealed class EventStoreConfigurationTests
{
    [Theory]
    [InlineData("Cassandra", null, "EventStore:Provider 'Cassandra' is not supported: use 'Sqlite' (default) or 'EventStoreDb'")]
    [InlineData("EventStoreDb", null, "EventStore:ConnectionString is required when EventStore:Provider is 'EventStoreDb'")]
    [InlineData("EventStoreDb", "http://localhost:2113", "EventStore:ConnectionString is invalid. Invalid EventStoreDB connection string 'http://localhost:2113': it must start with one of esdb://")]
    [InlineData("EventStoreDb", "esdb://admin:secret@localhost:2113?tls=perhaps", "tls='perhaps' must be true or false")]
    public void a_bad_event_store_configuration_stops_the_start_naming_what_is_wrong(string provider, string? connectionString, string message)
    {
        using var api = new FlashSaleApiFactory(new Dictionary<string, string?>
        {
            ["EventStore:Provider"] = provider,
            ["EventStore:ConnectionString"] = connectionString,
        });

        var error = Should.Throw<Exception>(() => api.CreateClient());

        var messages = string.Join("\n", Flatten(error).Select(e => e.Message));
        messages.ShouldContain(message);
        messages.ShouldNotContain("secret");
    }

    private static IEnumerable<Exception> Flatten(Exception e)
    {
        yield return e;
        var inner = e is AggregateException aggregate ? aggregate.InnerExceptions : e.InnerException is { } one ? [one] : [];
        foreach (var child in inner.SelectMany(Flatten)) yield return child;
    }
}
