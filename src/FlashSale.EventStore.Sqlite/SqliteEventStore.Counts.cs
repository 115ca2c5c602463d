using System.Globalization;

namespace FlashSale.EventStore.Sqlite;

public sealed partial class SqliteEventStore
{
    /// <summary>Counted by SQLite over the position range, reading each event's stream id and nothing else (the lag gauges
    /// ask every few seconds; reading up to <paramref name="limit"/> whole events each time was most of a split API's
    /// CPU, ADR 0035). The same events <see cref="ReadAllAsync"/> yields: <see cref="StreamFilter.Passes"/> in SQL.</summary>
    public async Task<long> CountAfterAsync(LogPosition? after, int limit, StreamFilter? filter = null, CancellationToken cancellationToken = default)
    {
        if (limit <= 0) return 0;
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var passes = "";
        if (filter is not null)
        {
            passes = " AND substr(stream_id, 1, 1) <> '$'";
            if (filter.StreamPrefixes.Count > 0)
                passes += " AND (" + string.Join(" OR ", filter.StreamPrefixes.Select((prefix, i) =>
                {
                    var name = "$p" + i.ToString(CultureInfo.InvariantCulture);
                    command.Parameters.AddWithValue(name, prefix);
                    return $"substr(stream_id, 1, length({name})) = {name}";
                })) + ")";
        }
        command.CommandText = $"SELECT count(*) FROM (SELECT 1 FROM events WHERE position > $after{passes} LIMIT $limit)";
        command.Parameters.AddWithValue("$after", (long)(after?.Commit ?? 0));
        command.Parameters.AddWithValue("$limit", limit);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
