using FlashSale.Testing.PostgreSql;

namespace FlashSale.Api.Tests.Marten;

/// <summary>Every API test on the PostgreSQL event store joins this collection, so the assembly starts one server.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "postgresql event store";
}
