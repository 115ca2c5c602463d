using FlashSale.Contracts;
using System.Threading.Channels;
using FlashSale.Domain;
using FlashSale.Domain.Items;
using FlashSale.EventStore;
using Microsoft.Extensions.Logging;

namespace FlashSale.Application.CommandPath;

/// <summary>
/// The single writer of one item in this process (group commit). Commands queue up; the writer decides a whole
/// batch in order against the cached item state and appends all of its events in ONE append with ONE expected
/// revision. On a conflict (another process wrote) it catches up from the stream and decides the batch again.
/// A caller is answered only once the append holding its events is durable.
/// </summary>
public sealed class ItemWriter : IAsyncDisposable
{
    private readonly string _streamId;
    private readonly IEventStore _store;
    private readonly CommandPathOptions _options;
    private readonly ILogger _logger;
    private readonly Action<OrderPlaced>? _onOrderRecorded;
    private readonly Channel<PendingCommand> _queue = Channel.CreateUnbounded<PendingCommand>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Dictionary<string, OrderPositions> _orderPositions = new(StringComparer.Ordinal);
    private readonly Task _loop;
    private readonly TimeProvider _clock;
    private Task<bool>? _readable;

    private ItemState _state = ItemState.Initial;
    private long _revision = -1;
    private bool _stale = true;

    public ItemWriter(string itemId, IEventStore store, CommandPathOptions options, ILogger logger,
        Action<OrderPlaced>? onOrderRecorded = null, TimeProvider? clock = null)
    {
        _clock = clock ?? TimeProvider.System;
        ItemId = itemId;
        _streamId = ItemStreams.For(itemId);
        _store = store;
        _options = options;
        _logger = logger;
        _onOrderRecorded = onOrderRecorded;
        _loop = Task.Run(RunGuardedAsync);
    }

    public string ItemId { get; }

    /// <summary>Counts appends that hit a wrong expected version and had to be decided again.</summary>
    public long ConflictCount { get; private set; }

    public long AppendCount { get; private set; }

    public int QueueDepth => _queue.Reader.Count;

    public Task<CommandOutcome> ExecuteAsync(ItemCommand command, CommandContext context)
    {
        if (command.ItemId != ItemId) throw new ArgumentException($"Command for '{command.ItemId}' sent to the writer of '{ItemId}'.");
        var pending = new PendingCommand(command, context);
        return _queue.Writer.TryWrite(pending)
            ? pending.Completion.Task
            : Task.FromException<CommandOutcome>(new ObjectDisposedException(nameof(ItemWriter), "The item writer is shutting down."));
    }

    public async ValueTask DisposeAsync()
    {
        // Queued commands are still decided and appended: shutdown drains, it does not drop.
        _queue.Writer.TryComplete();
        await _loop;
    }

    private async Task RunGuardedAsync()
    {
        try
        {
            await RunAsync();
        }
        catch (Exception ex)
        {
            // A bug in the loop must not leave callers waiting forever: refuse new work and fail what is queued.
            _logger.LogCritical(ex, "The writer of {Stream} stopped", _streamId);
            _queue.Writer.TryComplete(ex);
            while (_queue.Reader.TryRead(out var pending)) pending.Completion.TrySetException(ex);
        }
    }

    private async Task RunAsync()
    {
        var reader = _queue.Reader;
        InFlight? inFlight = null;
        while (true)
        {
            if (inFlight is null)
            {
                var commands = Take(reader, _options.MaxBatchSize);
                if (commands.Count > 0) inFlight = await StartAsync(commands);
                else if (!await Readable(reader)) return;
                continue;
            }

            var next = await DecideWhileAppendingAsync(reader, inFlight);
            var committed = await FinishAsync(inFlight);
            inFlight = next is null ? null
                : committed && _revision == next.BaseRevision && !next.MayBeStale ? Launch(next)
                : await StartAsync(next.Commands);
        }
    }

    /// <summary>
    /// Pipelining: while a batch is being appended, decide whatever arrives on top of it, so the next append can start
    /// the moment this one is durable. The guess holds whenever the append succeeds; otherwise those commands are
    /// decided again from the store's truth.
    /// </summary>
    private async Task<DecidedBatch?> DecideWhileAppendingAsync(ChannelReader<PendingCommand> reader, InFlight inFlight)
    {
        DecidedBatch? next = null;
        while (inFlight.Append is { IsCompleted: false } append)
        {
            var room = _options.MaxBatchSize - (next?.Commands.Count ?? 0);
            if (room == 0) break;
            var arrived = Take(reader, room);
            if (arrived.Count > 0)
            {
                next ??= new DecidedBatch(inFlight.Batch.State, inFlight.Batch.RevisionAfter, _clock.GetUtcNow());
                next.Decide(arrived);
                continue;
            }
            var readable = Readable(reader);
            await Task.WhenAny(append, readable);
            if (readable is { IsCompleted: true, Result: false }) break;
        }
        return next;
    }

    /// <summary>One outstanding wait for the queue, reused across loop turns (the queue has a single reader).</summary>
    private Task<bool> Readable(ChannelReader<PendingCommand> reader) =>
        _readable is { IsCompleted: false } pending ? pending : _readable = reader.WaitToReadAsync().AsTask();

    private static List<PendingCommand> Take(ChannelReader<PendingCommand> reader, int max)
    {
        var commands = new List<PendingCommand>();
        while (commands.Count < max && reader.TryRead(out var pending)) commands.Add(pending);
        return commands;
    }

    private DecidedBatch DecideOnCurrentState(List<PendingCommand> commands) =>
        new DecidedBatch(_state, _revision, _clock.GetUtcNow()).Decide(commands);

    private async Task<InFlight?> StartAsync(List<PendingCommand> commands)
    {
        try
        {
            if (_stale) await CatchUpAsync();
            var batch = DecideOnCurrentState(commands);
            if (batch.MayBeStale)
            {
                // "Not found" may only mean another process wrote what we have not read yet: look before answering.
                var seen = _revision;
                await CatchUpAsync();
                if (_revision != seen) batch = DecideOnCurrentState(commands);
            }
            return Launch(batch);
        }
        catch (Exception ex)
        {
            Fail(commands, ex);
            return null;
        }
    }

    private InFlight Launch(DecidedBatch batch)
    {
        if (batch.EventCount == 0) return new InFlight(batch, null);
        var expected = ExpectedRevision.After(batch.BaseRevision);
        AppendCount++;
        // Serialized here, appended off the writer's thread: the store's append is the longer stage, so deciding and
        // serializing the next batch overlaps it, even for a synchronous store.
        var events = batch.Serialize(_streamId);
        return new InFlight(batch, Task.Run(() => _store.AppendAsync(_streamId, expected, events)));
    }

    /// <returns>Whether the batch was committed exactly as decided (so a batch decided on top of it still holds).</returns>
    private async Task<bool> FinishAsync(InFlight inFlight)
    {
        try
        {
            if (inFlight.Append is null)
            {
                Complete(inFlight.Batch, []);
                return true;
            }
            switch (await inFlight.Append)
            {
                case AppendResult.Success success:
                    Commit(inFlight.Batch, success);
                    return true;
                default:
                    ConflictCount++;
                    _stale = true;
                    await ProcessAsync(inFlight.Batch.Commands, attempt: 2);
                    return false;
            }
        }
        catch (Exception ex)
        {
            Fail(inFlight.Batch.Commands, ex);
            return false;
        }
    }

    private void Fail(List<PendingCommand> commands, Exception ex)
    {
        // The store's state is unknown after a failure: reload before deciding anything else.
        _stale = true;
        _logger.LogError(ex, "Append of a batch of {Count} commands to {Stream} failed", commands.Count, _streamId);
        foreach (var pending in commands) pending.Completion.TrySetException(ex);
    }

    /// <summary>The careful path after a conflict: catch up, decide again, append, until it sticks or retries run out.</summary>
    private async Task ProcessAsync(List<PendingCommand> commands, int attempt)
    {
        for (; ; attempt++)
        {
            if (_stale) await CatchUpAsync();
            var batch = DecideOnCurrentState(commands);
            if (batch.EventCount == 0)
            {
                Complete(batch, positions: []);
                return;
            }

            AppendCount++;
            switch (await _store.AppendAsync(_streamId, ExpectedRevision.After(_revision), batch.Serialize(_streamId)))
            {
                case AppendResult.Success success:
                    Commit(batch, success);
                    return;
                case AppendResult.WrongExpectedVersion conflict when attempt < _options.MaxConflictRetries:
                    ConflictCount++;
                    _logger.LogDebug("{Stream} moved to {Actual} while at {Expected}; catching up", _streamId, conflict.ActualRevision, _revision);
                    _stale = true;
                    break;
                case AppendResult.WrongExpectedVersion:
                    throw new ConcurrencyException($"Item '{ItemId}' kept changing under this writer; gave up after {attempt} attempts.");
            }
        }
    }

    /// <summary>
    /// The batch is in the log exactly as decided: its event ids cover their bytes, so the store can only have taken
    /// an append at these revisions as a repeat if these very events sit there. The item is now a fold of the log.
    /// </summary>
    private void Commit(DecidedBatch batch, AppendResult.Success success)
    {
        if (success.NextExpectedRevision != batch.RevisionAfter)
            throw new InvalidOperationException(
                $"{_streamId} acknowledged a batch decided for revisions {batch.BaseRevision + 1}-{batch.RevisionAfter} at {success.NextExpectedRevision}.");
        _state = batch.State;
        _revision = success.NextExpectedRevision;
        Complete(batch, success.EventPositions);
    }

    private void Complete(DecidedBatch batch, IReadOnlyList<LogPosition> positions)
    {
        foreach (var decision in batch.Decisions)
            for (var e = 0; e < decision.Events.Length; e++) Record(decision.Events[e], positions[decision.FirstEvent + e]);
        for (var i = 0; i < batch.Commands.Count; i++)
        {
            var (pending, decision) = (batch.Commands[i], batch.Decisions[i]);
            if (decision.Error is not null)
            {
                pending.Completion.TrySetException(decision.Error);
                continue;
            }
            LogPosition? position = decision.Events.Length > 0 ? positions[decision.FirstEvent + decision.Events.Length - 1] : null;
            OrderPositions? order = pending.Command is OrderCommand c && _orderPositions.TryGetValue(c.OrderId, out var known) ? known : null;
            pending.Completion.TrySetResult(new CommandOutcome(decision.Events, decision.State, position, order));
        }
    }

    private async Task CatchUpAsync()
    {
        if (_revision < 0) _state = ItemState.Initial;
        await foreach (var recorded in _store.ReadStreamAsync(_streamId, _revision + 1))
        {
            _revision = recorded.StreamRevision;
            if (ItemEventSerializer.Deserialize(recorded) is not { } @event) continue;
            _state = ItemDecider.Evolve(_state, @event);
            Record(@event, recorded.Position);
        }
        _stale = false;
    }

    private void Record(ItemEvent @event, LogPosition position)
    {
        switch (@event)
        {
            case OrderPlaced placed:
                _onOrderRecorded?.Invoke(placed);
                break;
            // A retry's reservation is not the placement: a repeated order id still answers with the first outcome.
            case StockReserved { Retry: 0 } or OrderRejected:
                var placement = (OrderEvent)@event;
                _orderPositions[placement.OrderId] = _orderPositions.GetValueOrDefault(placement.OrderId) with { Placement = position };
                break;
            case PaymentConfirmed or PaymentTimedOut or StockReleased:
                var settlement = (OrderEvent)@event;
                _orderPositions[settlement.OrderId] = _orderPositions.GetValueOrDefault(settlement.OrderId) with { Settlement = position };
                break;
            case DeadLetterDiscarded discarded:
                _orderPositions[discarded.OrderId] = _orderPositions.GetValueOrDefault(discarded.OrderId) with { Discard = position };
                break;
        }
    }

    private sealed record InFlight(DecidedBatch Batch, Task<AppendResult>? Append);
}

public sealed class ConcurrencyException(string message) : Exception(message);
