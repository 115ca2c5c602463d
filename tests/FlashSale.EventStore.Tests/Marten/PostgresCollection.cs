using FlashSale.Testing.PostgreSql;

namespace FlashSale.EventStore.Tests.Marten;

/// <summary>Every PostgreSQL test class joins this collection, so the assembly starts one server.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "postgresql";
}
