using System.Threading.Channels;
using FlashSale.Application.Serialization;
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
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Dictionary<string, OrderPositions> _orderPositions = new(StringComparer.Ordinal);
    private readonly Task _loop;
    private readonly TimeProvider _clock;

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

    public Task<CommandOutcome> ExecuteAsync(ItemCommand command, CommandContext context)
    {
        if (command.ItemId != ItemId) throw new ArgumentException($"Command for '{command.ItemId}' sent to the writer of '{ItemId}'.");
        var pending = new Pending(command, context);
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
            var batch = TakeBatch(reader);
            if (batch.Count == 0)
            {
                if (inFlight is not null)
                {
                    await FinishAsync(inFlight);
                    inFlight = null;
                }
                else if (!await reader.WaitToReadAsync()) return;
                continue;
            }

            if (inFlight is null)
            {
                inFlight = await StartAsync(batch);
                continue;
            }

            // Pipelining: decide the next batch on top of the one being appended while its append runs. The guess
            // holds whenever that append succeeds; otherwise the batch is decided again from the store's truth.
            var speculative = Decide(batch, inFlight.Decision.State, inFlight.RevisionAfter);
            var committed = await FinishAsync(inFlight);
            inFlight = committed && _revision == inFlight.RevisionAfter && !speculative.MayBeStale
                ? Launch(batch, speculative)
                : await StartAsync(batch);
        }
    }

    private List<Pending> TakeBatch(ChannelReader<Pending> reader)
    {
        var batch = new List<Pending>();
        while (batch.Count < _options.MaxBatchSize && reader.TryRead(out var pending)) batch.Add(pending);
        return batch;
    }

    private async Task<InFlight?> StartAsync(List<Pending> batch)
    {
        try
        {
            if (_stale) await CatchUpAsync();
            var decision = Decide(batch, _state, _revision);
            if (decision.MayBeStale)
            {
                // "Not found" may only mean another process wrote what we have not read yet: look before answering.
                var seen = _revision;
                await CatchUpAsync();
                if (_revision != seen) decision = Decide(batch, _state, _revision);
            }
            return Launch(batch, decision);
        }
        catch (Exception ex)
        {
            Fail(batch, ex);
            return null;
        }
    }

    private InFlight Launch(List<Pending> batch, Decision decision)
    {
        if (decision.Events.Count == 0) return new InFlight(batch, decision, null, decision.BaseRevision);
        var expected = ExpectedRevision.After(decision.BaseRevision);
        AppendCount++;
        // Off the writer's thread, so that deciding the next batch overlaps this append even for a synchronous store.
        var append = Task.Run(() => _store.AppendAsync(_streamId, expected, decision.Events));
        return new InFlight(batch, decision, append, decision.BaseRevision + decision.Events.Count);
    }

    /// <returns>Whether the batch was committed exactly as decided (so a batch decided on top of it still holds).</returns>
    private async Task<bool> FinishAsync(InFlight inFlight)
    {
        try
        {
            if (inFlight.Append is null)
            {
                Complete(inFlight.Batch, inFlight.Decision, []);
                return true;
            }
            switch (await inFlight.Append)
            {
                case AppendResult.Success success:
                    _state = inFlight.Decision.State;
                    _revision = success.NextExpectedRevision;
                    Complete(inFlight.Batch, inFlight.Decision, success.EventPositions);
                    return true;
                default:
                    ConflictCount++;
                    _stale = true;
                    await ProcessAsync(inFlight.Batch, attempt: 2);
                    return false;
            }
        }
        catch (Exception ex)
        {
            Fail(inFlight.Batch, ex);
            return false;
        }
    }

    private void Fail(List<Pending> batch, Exception ex)
    {
        // The store's state is unknown after a failure: reload before deciding anything else.
        _stale = true;
        _logger.LogError(ex, "Append of a batch of {Count} commands to {Stream} failed", batch.Count, _streamId);
        foreach (var pending in batch) pending.Completion.TrySetException(ex);
    }

    /// <summary>The careful path after a conflict: catch up, decide again, append, until it sticks or retries run out.</summary>
    private async Task ProcessAsync(List<Pending> batch, int attempt)
    {
        for (; ; attempt++)
        {
            if (_stale) await CatchUpAsync();
            var decided = Decide(batch, _state, _revision);
            if (decided.Events.Count == 0)
            {
                Complete(batch, decided, positions: []);
                return;
            }

            AppendCount++;
            var result = await _store.AppendAsync(_streamId, ExpectedRevision.After(_revision), decided.Events);
            switch (result)
            {
                case AppendResult.Success success:
                    _state = decided.State;
                    _revision = success.NextExpectedRevision;
                    Complete(batch, decided, success.EventPositions);
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

    private Decision Decide(List<Pending> batch, ItemState state, long baseRevision)
    {
        var events = new List<EventData>();
        var outcomes = new CommandDecision[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            var (command, context) = (batch[i].Command, batch[i].Context);
            try
            {
                var decided = ItemDecider.Decide(command, state);
                var first = events.Count;
                if (decided.Length > 0)
                {
                    var metadata = ItemEventSerializer.SerializeMetadata(
                        new EventMetadata(context.CorrelationId, context.CausationId, context.Actor, _clock.GetUtcNow()));
                    foreach (var @event in decided)
                    {
                        events.Add(ItemEventSerializer.ToEventData(@event, baseRevision + 1 + events.Count, metadata));
                        state = ItemDecider.Evolve(state, @event);
                    }
                }
                outcomes[i] = new CommandDecision(decided, state, first, events.Count - first, null);
            }
            catch (DomainException ex)
            {
                outcomes[i] = new CommandDecision([], state, 0, 0, ex);
            }
        }
        return new Decision(state, baseRevision, events, outcomes);
    }

    private void Complete(List<Pending> batch, Decision decision, IReadOnlyList<LogPosition> positions)
    {
        for (var i = 0; i < batch.Count; i++)
        {
            var outcome = decision.Outcomes[i];
            for (var e = 0; e < outcome.EventCount; e++) Record(outcome.Events[e], positions[outcome.FirstEvent + e]);
        }
        for (var i = 0; i < batch.Count; i++)
        {
            var outcome = decision.Outcomes[i];
            if (outcome.Error is not null)
            {
                batch[i].Completion.TrySetException(outcome.Error);
                continue;
            }
            var position = outcome.EventCount > 0 ? positions[outcome.FirstEvent + outcome.EventCount - 1] : (LogPosition?)null;
            var order = OrderIdOf(batch[i].Command) is { } orderId ? _orderPositions.GetValueOrDefault(orderId) : null;
            batch[i].Completion.TrySetResult(new CommandOutcome(outcome.Events, outcome.State, position, order));
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
            case StockReserved or OrderRejected:
                var placedOrder = OrderIdOf(@event)!;
                _orderPositions[placedOrder] = new OrderPositions(position, _orderPositions.GetValueOrDefault(placedOrder)?.Settlement);
                break;
            case PaymentConfirmed or PaymentTimedOut or StockReleased:
                var settled = OrderIdOf(@event)!;
                _orderPositions[settled] = new OrderPositions(_orderPositions.GetValueOrDefault(settled)?.Placement, position);
                break;
        }
    }

    private static string? OrderIdOf(object message) => message switch
    {
        PlaceOrder c => c.OrderId,
        ConfirmPayment c => c.OrderId,
        TimeOutPayment c => c.OrderId,
        StockReserved e => e.OrderId,
        OrderRejected e => e.OrderId,
        PaymentConfirmed e => e.OrderId,
        PaymentTimedOut e => e.OrderId,
        StockReleased e => e.OrderId,
        _ => null,
    };

    private sealed record Pending(ItemCommand Command, CommandContext Context)
    {
        public TaskCompletionSource<CommandOutcome> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed record CommandDecision(ItemEvent[] Events, ItemState State, int FirstEvent, int EventCount, DomainException? Error);

    private sealed record Decision(ItemState State, long BaseRevision, List<EventData> Events, CommandDecision[] Outcomes)
    {
        public bool MayBeStale { get; } = Outcomes.Any(o => o.Error?.Code is DomainErrors.OrderNotFound or DomainErrors.ItemNotFound);
    }

    private sealed record InFlight(List<Pending> Batch, Decision Decision, Task<AppendResult>? Append, long RevisionAfter);
}

public sealed class ConcurrencyException(string message) : Exception(message);
