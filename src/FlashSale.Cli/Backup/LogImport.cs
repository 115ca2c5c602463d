using FlashSale.EventStore;

namespace FlashSale.Cli.Backup;

/// <param name="AlreadyThere">Events of the file the target already held (an earlier, interrupted run).</param>
/// <param name="LaterInTarget">The target holds the whole file and events after it.</param>
internal sealed record ImportResult(long Imported, long AlreadyThere, bool LaterInTarget);

/// <summary>
/// Appends exported events in file order, each run of one stream's consecutive events in one append with the exact
/// expected revision, so revisions and event ids are the source's and the global order is kept. The target must be
/// empty or hold a prefix of the file (matched on stream, revision and event id): a re-run after a crash skips
/// that prefix and continues. An append is atomic, so a crash leaves a prefix, never half a run.
/// </summary>
internal sealed class LogImport(IEventStore store)
{
    private const int MaxAppendEvents = 500;
    private const int MaxAppendBytes = 512 * 1024;
    private readonly Dictionary<string, long> _nextRevision = new(StringComparer.Ordinal);

    public async Task<ImportResult> RunAsync(IAsyncEnumerable<(long Number, LogLine Line)> lines, CancellationToken cancellationToken)
    {
        await using var file = lines.GetAsyncEnumerator(cancellationToken);
        var (alreadyThere, laterInTarget) = await SkipImportedAsync(file, cancellationToken);
        if (laterInTarget) return new ImportResult(0, alreadyThere, true);
        long imported = 0, bytes = 0;
        var run = new List<(long Number, LogLine Line)>();
        while (await file.MoveNextAsync())
        {
            var (number, line) = file.Current;
            CheckRevision(number, line);
            var size = line.Data.Length + line.Metadata.Length;
            if (run.Count > 0 && (run[0].Line.Stream != line.Stream || run.Count == MaxAppendEvents || bytes + size > MaxAppendBytes))
            {
                imported += await AppendAsync(run, cancellationToken);
                (run, bytes) = ([], 0);
            }
            run.Add((number, line));
            bytes += size;
        }
        if (run.Count > 0) imported += await AppendAsync(run, cancellationToken);
        return new ImportResult(imported, alreadyThere, false);
    }

    /// <summary>Walks the target's log against the file; leaves <paramref name="file"/> on the last line already there.</summary>
    private async Task<(long Matched, bool LaterInTarget)> SkipImportedAsync(IAsyncEnumerator<(long Number, LogLine Line)> file,
        CancellationToken cancellationToken)
    {
        long matched = 0;
        await foreach (var existing in store.ReadAllAsync(null, int.MaxValue, StreamFilter.AllUserStreams, cancellationToken))
        {
            if (!await file.MoveNextAsync()) return (matched, true);
            var (number, line) = file.Current;
            if (line.Stream != existing.StreamId || line.Revision != existing.StreamRevision || line.EventId != existing.EventId)
                throw new CliException(ExitCodes.Refused, matched == 0
                    ? $"The target store is not empty (its first event is {Describe(existing)}): import-log only fills an empty store, " +
                      "or continues its own interrupted import of the same file."
                    : $"The target store holds the first {matched} events of this file, then {Describe(existing)} where line {number} " +
                      $"has {line.Stream}@{line.Revision}: it is not an interrupted import of this file. Nothing was imported.");
            CheckRevision(number, line);
            matched++;
        }
        return (matched, false);
    }

    private void CheckRevision(long number, LogLine line)
    {
        var expected = _nextRevision.GetValueOrDefault(line.Stream);
        if (line.Revision != expected)
            throw new CliException(ExitCodes.Refused,
                $"Line {number}: {line.Stream} revision {line.Revision}, but the stream's next revision is {expected}: the file is not a whole " +
                "log in order (export-log writes one). The import stopped there.");
        _nextRevision[line.Stream] = expected + 1;
    }

    private async Task<long> AppendAsync(List<(long Number, LogLine Line)> run, CancellationToken cancellationToken)
    {
        var (number, first) = run[0];
        var expected = ExpectedRevision.After(first.Revision - 1);
        var result = await store.AppendAsync(first.Stream, expected, [.. run.Select(r => r.Line.ToEventData())],
            AppendPositions.LastEvent, cancellationToken);
        return result switch
        {
            AppendResult.Success => run.Count,
            AppendResult.WrongExpectedVersion wrong => throw new CliException(ExitCodes.Refused,
                $"{first.Stream} is at revision {wrong.ActualRevision} in the target, but line {number} continues it from {first.Revision - 1}: " +
                "something else writes to the target store. Stop it; a re-run continues the import."),
            _ => throw new InvalidOperationException($"Unexpected append result {result}."),
        };
    }

    private static string Describe(RecordedEvent e) => $"{e.StreamId}@{e.StreamRevision} ({e.Type}, id {e.EventId})";
}
