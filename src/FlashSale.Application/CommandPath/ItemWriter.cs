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

    private ItemState _state = ItemState.Initial;
    private long _revision = -1;
    private bool _stale = true;

    public ItemWriter(string itemId, IEventStore store, CommandPathOptions options, ILogger logger,
        Action<OrderPlaced>? onOrderRecorded = null)
    {
        ItemId = itemId;
        _streamId = ItemStreams.For(itemId);
        _store = store;
        _options = options;
        _logger = logger;
        _onOrderRecorded = onOrderRecorded;
        _loop = Task.Run(RunAsync);
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

    private async Task RunAsync()
    {
        var batch = new List<Pending>(_options.MaxBatchSize);
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < _options.MaxBatchSize && reader.TryRead(out var pending)) batch.Add(pending);
            try
            {
                await ProcessAsync(batch);
            }
            catch (Exception ex)
            {
                // The store's state is unknown after a failure: reload before deciding anything else.
                _stale = true;
                _logger.LogError(ex, "Append of a batch of {Count} commands to {Stream} failed", batch.Count, _streamId);
                foreach (var pending in batch) pending.Completion.TrySetException(ex);
            }
        }
    }

    private async Task ProcessAsync(List<Pending> batch)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (_stale) await CatchUpAsync();
            var decided = Decide(batch);
            if (decided.Events.Count == 0)
            {
                Complete(batch, decided, positions: []);
                return;
            }

            var result = await _store.AppendAsync(_streamId, ExpectedRevision.After(_revision), decided.Events);
            AppendCount++;
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

    private Decision Decide(List<Pending> batch)
    {
        var state = _state;
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
                        new EventMetadata(context.CorrelationId, context.CausationId, context.Actor, DateTimeOffset.UtcNow));
                    foreach (var @event in decided)
                    {
                        events.Add(ItemEventSerializer.ToEventData(@event, _revision + 1 + events.Count, metadata));
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
        return new Decision(state, events, outcomes);
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
                SetPositions(OrderIdOf(@event)!, p => p with { Placement = position });
                break;
            case PaymentConfirmed or PaymentTimedOut or StockReleased:
                SetPositions(OrderIdOf(@event)!, p => p with { Settlement = position });
                break;
        }
    }

    private void SetPositions(string orderId, Func<OrderPositions, OrderPositions> change) =>
        _orderPositions[orderId] = change(_orderPositions.GetValueOrDefault(orderId) ?? new OrderPositions(null, null));

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

    private sealed record Decision(ItemState State, List<EventData> Events, CommandDecision[] Outcomes);
}

public sealed class ConcurrencyException(string message) : Exception(message);
