using FlashSale.Contracts;
using FlashSale.Domain;
using FlashSale.Domain.Items;
using FlashSale.EventStore;

namespace FlashSale.Application.CommandPath;

/// <summary>A command waiting in an item writer's queue; its caller waits on <see cref="Completion"/>.</summary>
/// <param name="Cancellation">The caller's token: a command whose caller gave up before it was decided is dropped.</param>
/// <remarks>It is its own completion source: one object per waiting command, not two.</remarks>
internal sealed class PendingCommand(ItemCommand command, CommandContext context, CancellationToken cancellation = default)
    : TaskCompletionSource<CommandOutcome>(TaskCreationOptions.RunContinuationsAsynchronously)
{
    public ItemCommand Command => command;

    public CommandContext Context => context;

    public CancellationToken Cancellation => cancellation;

    public TaskCompletionSource<CommandOutcome> Completion => this;
}

/// <summary>What the decider made of one command: its events (or its refusal) and the item right after it.</summary>
internal readonly record struct CommandDecision(ItemEvent[] Events, ItemState State, int FirstEvent, Exception? Error, CommandRecords? Records = null);

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

    public DecidedBatch Decide(List<PendingCommand> commands)
    {
        Commands.EnsureCapacity(Commands.Count + commands.Count);
        Decisions.EnsureCapacity(Decisions.Count + commands.Count);
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
    /// With <paramref name="markAppendEnd"/> each event but an append's last names that last one's revision in its
    /// metadata, fixed when the append is cut, so a fold answers its commands with the append's position (ADR 0023).
    /// </summary>
    public List<AppendChunk> Serialize(string streamId, int maxBytes, bool markAppendEnd)
    {
        var events = new BatchEvents(streamId, BaseRevision, EventCount, markAppendEnd, decidedAt);
        var chunks = new List<AppendChunk>(1);
        var (first, firstEvent, bytes) = (0, 0, 0L);
        for (var i = 0; i < Decisions.Count; i++)
        {
            var decided = Decisions[i].Events;
            if (decided.Length == 0) continue;
            var start = events.Count;
            var commandBytes = events.Add(decided, Commands[i].Context);
            if (bytes > 0 && bytes + commandBytes > maxBytes)
            {
                chunks.Add(AppendChunk.Of(first, i, BaseRevision + firstEvent, events, firstEvent, start - firstEvent));
                (first, firstEvent, bytes) = (i, start, 0);
            }
            bytes += commandBytes;
        }
        chunks.Add(AppendChunk.Of(first, Decisions.Count, BaseRevision + firstEvent, events, firstEvent, events.Count - firstEvent));
        return chunks;
    }
}

/// <summary>A batch's events, serialized once; their metadata (and so their ids) is made when the append carrying them
/// is cut, since with <see cref="MarkAppendEnd"/> it names that append's last revision.</summary>
internal sealed class BatchEvents(string streamId, long baseRevision, int capacity, bool markAppendEnd, DateTimeOffset decidedAt)
{
    // What ",\"appendEnd\":<revision>" adds to an event's metadata at most.
    private const int AppendEndBytes = 32;
    // Unmarked, a command's events share one metadata array. Marked, its metadata is written when the append is cut: one
    // array per command and append end, and one without the field for the append's last event.
    private readonly List<(string Type, byte[] Data, byte[]? Metadata, CommandContext Context)> _serialized = new(capacity);
    // Their data and metadata arrays are made here for the append and never written again (EventData.Unchanging).
    private readonly List<EventData> _all = new(capacity);

    public bool MarkAppendEnd => markAppendEnd;

    public int Count => _serialized.Count;

    /// <returns>The bytes the events take in an append.</returns>
    public long Add(ItemEvent[] events, CommandContext context)
    {
        var (metadata, metadataLength) = markAppendEnd
            ? (null, ItemEventSerializer.MetadataLength(context.CorrelationId, context.CausationId, context.Actor, decidedAt) + AppendEndBytes)
            : (ItemEventSerializer.SerializeMetadata(context.CorrelationId, context.CausationId, context.Actor, decidedAt), 0);
        metadataLength = metadata?.Length ?? metadataLength;
        var bytes = 0L;
        foreach (var @event in events)
        {
            var (type, data) = ItemEventSerializer.Serialize(@event);
            _serialized.Add((type, data, metadata, context));
            // A marked event is made when its append is cut (every event is in one).
            _all.Add(metadata is null ? null! : ItemEventSerializer.ToEventData(streamId, type, data, baseRevision + _serialized.Count, metadata, unchanging: true));
            bytes += data.Length + metadataLength;
        }
        return bytes;
    }

    public EventData this[int index] => _all[index];

    public IReadOnlyList<EventData> Range(int first, int count) =>
        first == 0 && count == _all.Count ? _all : _all.GetRange(first, count);

    /// <summary>Events [<paramref name="first"/>, +<paramref name="count"/>) are appended together: each but the last gets
    /// the last one's revision in its metadata. Cut again (a split), they are marked again for the new appends.</summary>
    public void Cut(int first, int count)
    {
        if (!markAppendEnd || count == 0) return;
        var end = baseRevision + first + count;
        var (source, marked) = ((CommandContext?)null, (byte[]?)null);
        for (var i = first; i < first + count; i++)
        {
            var (type, data, _, context) = _serialized[i];
            var revision = baseRevision + 1 + i;
            byte[] metadata;
            if (revision == end) metadata = Metadata(context, appendEnd: null);
            else
            {
                if (!ReferenceEquals(context, source)) (source, marked) = (context, Metadata(context, end));
                metadata = marked!;
            }
            _all[i] = ItemEventSerializer.ToEventData(streamId, type, data, revision, metadata, unchanging: true);
        }
    }

    private byte[] Metadata(CommandContext context, long? appendEnd) =>
        ItemEventSerializer.SerializeMetadata(context.CorrelationId, context.CausationId, context.Actor, decidedAt, appendEnd);
}

/// <summary>Commands [<paramref name="FirstCommand"/>, <paramref name="EndCommand"/>) of a batch and their events, appended
/// together after <paramref name="BaseRevision"/>. Made by <see cref="Of"/>, which marks the events for this append.</summary>
internal sealed record AppendChunk(int FirstCommand, int EndCommand, long BaseRevision, BatchEvents All, int FirstEvent, int EventCount)
{
    public static AppendChunk Of(int firstCommand, int endCommand, long baseRevision, BatchEvents all, int firstEvent, int eventCount)
    {
        all.Cut(firstEvent, eventCount);
        return new AppendChunk(firstCommand, endCommand, baseRevision, all, firstEvent, eventCount);
    }

    public long RevisionAfter => BaseRevision + EventCount;

    public IReadOnlyList<EventData> Events => All.Range(FirstEvent, EventCount);

    /// <summary>Whether every command of the append is answered with its last position (its events say so in their metadata).</summary>
    public bool AnsweredWithLastPosition => All.MarkAppendEnd && EventCount > 1;

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
        return (Of(FirstCommand, c, BaseRevision, All, FirstEvent, before),
            Of(c, EndCommand, BaseRevision + before, All, FirstEvent + before, EventCount - before));
    }
}
