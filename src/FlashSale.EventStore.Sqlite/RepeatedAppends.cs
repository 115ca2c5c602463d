using Microsoft.Data.Sqlite;

namespace FlashSale.EventStore.Sqlite;

/// <summary>
/// EventStoreDB's idempotent repeat, for an exact revision (or no stream) behind the stream: when the events stored
/// right after the expected revision carry exactly the ids of the append, in order, the append was already made and
/// is answered with its own revision and positions, writing nothing. Anything else stays a wrong expected version.
/// Event ids identify their content, so only the same events re-sent are taken for a repeat.
/// </summary>
internal sealed class RepeatedAppends(SqliteConnection writer) : IDisposable
{
    private readonly SqliteCommand _readIds = Prepare(writer);

    public AppendResult.Success? Find(SqliteTransaction transaction, string streamId, ExpectedRevision expected, long current,
        IReadOnlyList<EventData> events)
    {
        if (!(expected.IsExact || expected.IsNoStream)) return null;
        var first = expected.Value + 1;
        var last = expected.Value + events.Count;
        if (expected.Value >= current || last > current) return null;

        _readIds.Transaction = transaction;
        _readIds.Parameters[0].Value = streamId;
        _readIds.Parameters[1].Value = first;
        _readIds.Parameters[2].Value = last;
        using var reader = _readIds.ExecuteReader();
        var positions = new LogPosition[events.Count];
        Span<byte> id = stackalloc byte[16];
        var matched = 0;
        while (reader.Read())
        {
            events[matched].EventId.TryWriteBytes(id, bigEndian: true, out _);
            if (!id.SequenceEqual(reader.GetFieldValue<byte[]>(1))) return null;
            positions[matched++] = LogPosition.At((ulong)reader.GetInt64(0));
        }
        return matched == events.Count ? new AppendResult.Success(last, positions) : null;
    }

    public void Dispose() => _readIds.Dispose();

    private static SqliteCommand Prepare(SqliteConnection writer)
    {
        var command = writer.CreateCommand();
        command.CommandText = """
            SELECT position, event_id FROM events
            WHERE stream_id = $stream AND stream_revision BETWEEN $first AND $last ORDER BY stream_revision
            """;
        foreach (var name in new[] { "$stream", "$first", "$last" }) command.Parameters.Add(new SqliteParameter { ParameterName = name });
        return command;
    }
}
