using FlashSale.EventStore;

namespace FlashSale.Application.CommandPath;

/// <summary>
/// What came of appending a decided batch, chunk after chunk: the commands (in order) whose events are durable, and why
/// it stopped early when it did — a conflict, a command the store refuses as too large, or a failure.
/// </summary>
internal sealed class AppendProgress(DecidedBatch batch)
{
    private readonly AppendedPositions _positions = new();

    public DecidedBatch Batch => batch;

    /// <summary>Commands [0, n) are answered from this append: their events are durable (or they had none).</summary>
    public int DurableCommands { get; private set; }

    public int DurableEvents { get; private set; }

    /// <summary>The position answered for each durable event, in batch order: its own where the store gave it, else its append's last.</summary>
    public IReadOnlyList<LogPosition> Positions => _positions;

    /// <summary>The id of the last durable event: what a snapshot at the revision it reaches is checked against.</summary>
    public Guid LastEventId { get; private set; }

    public AppendResult.WrongExpectedVersion? Conflict { get; private set; }

    /// <summary>A command whose events alone the store refuses as too large (only its caller fails).</summary>
    public int? Refused { get; private set; }

    public AppendTooLargeException? TooLarge { get; private set; }

    /// <summary>The store failed: nothing is known about the commands from <see cref="DurableCommands"/> on.</summary>
    public Exception? Failure { get; private set; }

    public bool IsComplete => DurableCommands == batch.Commands.Count;

    public void Durable(AppendChunk chunk, IReadOnlyList<LogPosition> positions)
    {
        _positions.Add(chunk.EventCount, positions);
        DurableCommands = chunk.EndCommand;
        DurableEvents += chunk.EventCount;
        if (chunk.EventCount > 0) LastEventId = chunk.All[chunk.FirstEvent + chunk.EventCount - 1].EventId;
    }

    public AppendProgress Stopped(AppendResult.WrongExpectedVersion conflict)
    {
        Conflict = conflict;
        return this;
    }

    public AppendProgress Stopped(AppendChunk chunk, AppendTooLargeException tooLarge)
    {
        // The chunk's commands without events before the refused one were decided without it: they stand.
        DurableCommands = chunk.FirstWithEvents(batch);
        Refused = DurableCommands;
        TooLarge = tooLarge;
        return this;
    }

    public AppendProgress Stopped(Exception failure)
    {
        Failure = failure;
        return this;
    }
}
