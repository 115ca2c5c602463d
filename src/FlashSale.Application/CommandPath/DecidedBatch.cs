using FlashSale.Contracts;
using FlashSale.Domain;
using FlashSale.Domain.Items;
using FlashSale.EventStore;

namespace FlashSale.Application.CommandPath;

/// <summary>A command waiting in an item writer's queue; its caller waits on <see cref="Completion"/>.</summary>
/// <param name="Cancellation">The caller's token: a command whose caller gave up before it was decided is dropped.</param>
internal sealed record PendingCommand(ItemCommand Command, CommandContext Context, CancellationToken Cancellation = default)
{
    public TaskCompletionSource<CommandOutcome> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>What the decider made of one command: its events (or its refusal) and the item right after it.</summary>
internal sealed record CommandDecision(ItemEvent[] Events, ItemState State, int FirstEvent, Exception? Error, CommandRecords? Records = null);

/// <summary>
/// Commands decided in order on top of a known item state and revision, to be appended together. It can grow (more
/// commands decided on top) until it is appended; it is serialized only then, since a speculative batch may be
/// thrown away.
/// </summary>
internal sealed class DecidedBatch(ItemState state, long baseRevision, DateTimeOffset decidedAt)
{
    public List<PendingCommand> Commands { get; } = [];

    public List<CommandDecision> Decisions { get; } = [];

    /// <summary>The item after every command of the batch.</summary>
    public ItemState State { get; private set; } = state;

    public long BaseRevision { get; } = baseRevision;

    public int EventCount { get; private set; }

    public long RevisionAfter => BaseRevision + EventCount;

    /// <summary>A refusal that may only mean this writer has not read another process's events yet.</summary>
    public bool MayBeStale { get; private set; }

    public DecidedBatch Decide(IEnumerable<PendingCommand> commands)
    {
        foreach (var pending in commands)
        {
            Commands.Add(pending);
            try
            {
                var events = ItemDecider.Decide(pending.Command, State);
                foreach (var @event in events) State = ItemDecider.Evolve(State, @event);
                Decisions.Add(new CommandDecision(events, State, EventCount, null, CommandRecords.Of(pending.Command, State)));
                EventCount += events.Length;
            }
            catch (DomainException ex)
            {
                Decisions.Add(new CommandDecision([], State, EventCount, Refusal(pending.Command, ex)));
                // A dead letter may have been made by another process's payments worker that this writer has not read
                // yet; an unreadable item may have been repaired by an operator's CLI since.
                MayBeStale |= ex.Code is DomainErrors.OrderNotFound or DomainErrors.ItemNotFound or DomainErrors.OrderNotDeadLettered
                    or DomainErrors.ItemUnreadable or DomainErrors.NoUnreadableEvent;
            }
        }
        return this;
    }

    private Exception Refusal(ItemCommand command, DomainException refusal) =>
        refusal.Code == DomainErrors.ItemUnreadable && State is Unreadable unreadable
            ? new ItemUnreadableException(command.ItemId, ItemStreams.For(command.ItemId), unreadable.First, refusal.Message)
            : refusal;

    /// <summary>The state after the first <paramref name="commands"/> commands.</summary>
    public ItemState StateAfter(int commands, ItemState before) => commands == 0 ? before : Decisions[commands - 1].State;

    /// <summary>
    /// The batch as appended to <paramref name="streamId"/> after <see cref="BaseRevision"/>: ids over the exact bytes, so
    /// a re-send is idempotent and any other decision at these revisions is a conflict. Cut between commands into appends
    /// of at most <paramref name="maxBytes"/> (a command's events always go together; one larger than that goes alone).
    /// </summary>
    public List<AppendChunk> Serialize(string streamId, int maxBytes)
    {
        var chunks = new List<AppendChunk>(1);
        var data = new List<EventData>(EventCount);
        var (first, firstEvent, bytes) = (0, 0, 0L);
        for (var i = 0; i < Decisions.Count; i++)
        {
            var events = Decisions[i].Events;
            if (events.Length == 0) continue;
            var context = Commands[i].Context;
            var metadata = ItemEventSerializer.SerializeMetadata(
                new EventMetadata(context.CorrelationId, context.CausationId, context.Actor, decidedAt));
            var commandBytes = 0L;
            var start = data.Count;
            foreach (var @event in events)
            {
                var serialized = ItemEventSerializer.ToEventData(streamId, @event, BaseRevision + 1 + data.Count, metadata);
                commandBytes += serialized.Data.Length + serialized.Metadata.Length;
                data.Add(serialized);
            }
            if (bytes > 0 && bytes + commandBytes > maxBytes)
            {
                chunks.Add(new AppendChunk(first, i, BaseRevision + firstEvent, data, firstEvent, start - firstEvent));
                (first, firstEvent, bytes) = (i, start, 0);
            }
            bytes += commandBytes;
        }
        chunks.Add(new AppendChunk(first, Decisions.Count, BaseRevision + firstEvent, data, firstEvent, data.Count - firstEvent));
        return chunks;
    }
}

/// <summary>Commands [<paramref name="FirstCommand"/>, <paramref name="EndCommand"/>) of a batch and their events, appended
/// together after <paramref name="BaseRevision"/>.</summary>
internal sealed record AppendChunk(int FirstCommand, int EndCommand, long BaseRevision, List<EventData> All, int FirstEvent, int EventCount)
{
    public long RevisionAfter => BaseRevision + EventCount;

    public IReadOnlyList<EventData> Events => FirstEvent == 0 && EventCount == All.Count ? All : All.GetRange(FirstEvent, EventCount);

    /// <summary>The first command of the chunk that has events: the one refused when a chunk of one such command is too large.</summary>
    public int FirstWithEvents(DecidedBatch batch)
    {
        var i = FirstCommand;
        while (batch.Decisions[i].Events.Length == 0) i++;
        return i;
    }

    /// <summary>Two chunks of about half the events each, cut between commands; null when one command holds them all.</summary>
    public (AppendChunk First, AppendChunk Second)? Split(DecidedBatch batch)
    {
        int? cut = null;
        for (var i = FirstWithEvents(batch) + 1; i < EndCommand; i++)
        {
            if (batch.Decisions[i].Events.Length == 0) continue;
            cut = i;
            if (batch.Decisions[i].FirstEvent - FirstEvent >= EventCount / 2) break;
        }
        if (cut is not { } c) return null;
        var before = batch.Decisions[c].FirstEvent - FirstEvent;
        return (this with { EndCommand = c, EventCount = before },
            new AppendChunk(c, EndCommand, BaseRevision + before, All, FirstEvent + before, EventCount - before));
    }
}
