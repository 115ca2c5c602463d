using FlashSale.Contracts;
using FlashSale.Domain;
using FlashSale.Domain.Items;
using FlashSale.EventStore;

namespace FlashSale.Application.CommandPath;

/// <summary>A command waiting in an item writer's queue; its caller waits on <see cref="Completion"/>.</summary>
internal sealed record PendingCommand(ItemCommand Command, CommandContext Context)
{
    public TaskCompletionSource<CommandOutcome> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>What the decider made of one command: its events (or its refusal) and the item right after it.</summary>
internal sealed record CommandDecision(ItemEvent[] Events, ItemState State, int FirstEvent, DomainException? Error);

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
                Decisions.Add(new CommandDecision(events, State, EventCount, null));
                EventCount += events.Length;
            }
            catch (DomainException ex)
            {
                Decisions.Add(new CommandDecision([], State, EventCount, ex));
                // A dead letter may have been made by another process's payments worker that this writer has not read yet.
                MayBeStale |= ex.Code is DomainErrors.OrderNotFound or DomainErrors.ItemNotFound or DomainErrors.OrderNotDeadLettered;
            }
        }
        return this;
    }

    /// <summary>The batch as appended to <paramref name="streamId"/> after <see cref="BaseRevision"/>: ids over the exact
    /// bytes, so a re-send is idempotent and any other decision at these revisions is a conflict.</summary>
    public List<EventData> Serialize(string streamId)
    {
        var data = new List<EventData>(EventCount);
        for (var i = 0; i < Decisions.Count; i++)
        {
            var events = Decisions[i].Events;
            if (events.Length == 0) continue;
            var context = Commands[i].Context;
            var metadata = ItemEventSerializer.SerializeMetadata(
                new EventMetadata(context.CorrelationId, context.CausationId, context.Actor, decidedAt));
            foreach (var @event in events)
                data.Add(ItemEventSerializer.ToEventData(streamId, @event, BaseRevision + 1 + data.Count, metadata));
        }
        return data;
    }
}
