using FlashSale.Api.Tests.Fixtures;

namespace FlashSale.Api.Tests.Marten;

public sealed class MartenConfigurationTests
{
    [Theory]
    [InlineData("PostgreSql", null, null, "EventStore:ConnectionString is required when EventStore:Provider is 'PostgreSql'")]
    [InlineData("Marten", null, null, "EventStore:ConnectionString is required when EventStore:Provider is 'Marten'")]
    [InlineData("PostgreSql", "esdb://localhost:2113", null, "EventStore:ConnectionString is invalid. It is not an Npgsql connection string")]
    [InlineData("PostgreSql", "Database=flashsale;Password=secret", null, "EventStore:ConnectionString is invalid. It names no Host")]
    [InlineData("PostgreSql", "Host=localhost;Password=secret", "Events; DROP", "EventStore:Schema 'Events; DROP' is not a schema name")]
    [InlineData("Cassandra", null, null, "or 'PostgreSql' (Marten)")]
    public void a_bad_postgresql_event_store_configuration_stops_the_start_naming_what_is_wrong(string provider, string? connectionString,
        string? schema, string message)
    {
        using var api = new FlashSaleApiFactory(new Dictionary<string, string?>
        {
            ["EventStore:Provider"] = provider,
            ["EventStore:ConnectionString"] = connectionString,
            ["EventStore:Schema"] = schema ?? "flashsale_events",
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
