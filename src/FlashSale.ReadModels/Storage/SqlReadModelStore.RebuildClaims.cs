using System.Data.Common;

namespace FlashSale.ReadModels.Storage;

/// <summary>Rebuild claims: one row per projection being rebuilt, taken with one conditional upsert, so two processes on
/// one store (the CLI and an API) never both rebuild a projection. Times are Unix milliseconds of the callers' clocks.</summary>
public abstract partial class SqlReadModelStore
{
    public const string RebuildClaims = "rebuild_claims";

    private const string CreateRebuildClaims = $"""
        CREATE TABLE IF NOT EXISTS {RebuildClaims} (projection TEXT NOT NULL PRIMARY KEY, owner TEXT NOT NULL, holder TEXT NOT NULL,
            claimed_at BIGINT NOT NULL, expires_at BIGINT NOT NULL)
        """;

    public async Task<RebuildClaimRecord> ClaimRebuildAsync(string projection, string owner, string holder, DateTimeOffset now,
        DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await BeginAsync(connection, cancellationToken);
        await using (var claim = Command(connection, $"""
            INSERT INTO {RebuildClaims} (projection, owner, holder, claimed_at, expires_at) VALUES (@projection, @owner, @holder, @now, @expires)
            ON CONFLICT (projection) DO UPDATE SET owner = excluded.owner, holder = excluded.holder, claimed_at = excluded.claimed_at,
                expires_at = excluded.expires_at
            WHERE {RebuildClaims}.expires_at <= @now
            """, ("projection", projection), ("owner", owner), ("holder", holder), ("now", now.ToUnixTimeMilliseconds()),
            ("expires", expiresAt.ToUnixTimeMilliseconds())))
            await claim.ExecuteNonQueryAsync(cancellationToken);
        var held = await ReadRebuildClaimAsync(connection, projection, cancellationToken)
            ?? throw new InvalidOperationException($"The rebuild claim of '{projection}' vanished as it was taken.");
        await transaction.CommitAsync(cancellationToken);
        return held;
    }

    public async Task<bool> RenewRebuildClaimAsync(string projection, string owner, DateTimeOffset expiresAt,
        CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var renew = Command(connection, $"UPDATE {RebuildClaims} SET expires_at = @expires WHERE projection = @projection AND owner = @owner",
            ("expires", expiresAt.ToUnixTimeMilliseconds()), ("projection", projection), ("owner", owner));
        return await renew.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task ReleaseRebuildClaimAsync(string projection, string owner, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var release = Command(connection, $"DELETE FROM {RebuildClaims} WHERE projection = @projection AND owner = @owner",
            ("projection", projection), ("owner", owner));
        await release.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<RebuildClaimRecord?> ReadRebuildClaimAsync(DbConnection connection, string projection, CancellationToken cancellationToken)
    {
        await using var select = Command(connection, $"SELECT owner, holder, claimed_at, expires_at FROM {RebuildClaims} WHERE projection = @projection",
            ("projection", projection));
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new RebuildClaimRecord(projection, reader.GetString(0), reader.GetString(1),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)))
            : null;
    }
}
