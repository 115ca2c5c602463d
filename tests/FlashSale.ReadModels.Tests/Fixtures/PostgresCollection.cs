using FlashSale.Testing.PostgreSql;

namespace FlashSale.ReadModels.Tests.Fixtures;

/// <summary>Every PostgreSQL test class joins this collection, so the assembly starts one server.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "postgresql";
}
