using Npgsql;

namespace FlashSale.EventStore.Marten;

/// <summary>
/// One transaction-level advisory lock per event store schema, taken by every append before Marten draws sequence
/// numbers and released by PostgreSQL only after the commit (or rollback) is visible. Appends therefore commit in
/// sequence order, across processes: when a reader sees sequence N, every lower number is committed or gone for good.
/// </summary>
internal static class AppendLock
{
    public static async Task TakeAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string schema,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = $"flashsale-event-appends:{schema}" });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
