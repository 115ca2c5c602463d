using FlashSale.Contracts;
using System.Threading.Channels;
using FlashSale.Domain.Items;
using FlashSale.EventStore;
using FlashSale.EventStore.Snapshots;
using Microsoft.Extensions.Logging;

namespace FlashSale.Application.CommandPath;

/// <summary>
/// The single writer of one item in this process (group commit). Commands queue up; the writer decides a whole
/// batch in order against the cached item state and appends all of its events in ONE append with ONE expected
/// revision (several, cut between commands, when the batch is larger than an append may be). On a conflict (another
/// process wrote) it catches up from the stream and decides the batch again. A caller is answered only once the
/// append holding its events is durable.
/// </summary>
public sealed partial class ItemWriter : IAsyncDisposable
{
    private readonly string _streamId;
    private readonly IEventStore _store;
    private readonly CommandPathOptions _options;
    private readonly ILogger _logger;
    private readonly Action<OrderPlaced>? _onOrderRecorded;
    private readonly LogAnomalies? _anomalies;
    private readonly ISnapshotStore? _snapshots;
    private readonly Channel<PendingCommand> _queue = Channel.CreateUnbounded<PendingCommand>(new UnboundedChannelOptions { SingleReader = true });
    // Replaced whole when the item is loaded from a snapshot.
    private Dictionary<string, OrderPositions> _orderPositions = new(StringComparer.Ordinal);
    private Dictionary<string, LogPosition> _restockPositions = new(StringComparer.Ordinal);
    private readonly Task _loop;
    private readonly TimeProvider _clock;
    private Task<bool>? _readable;
    // Commands accepted and not taken by the loop yet: the queue's bound, kept without a bounded channel's lock.
    private int _queued;
    private long _appendCount;

    private ItemState _state = ItemState.Initial;
    private long _revision = -1;
    private bool _stale = true;

    public ItemWriter(string itemId, IEventStore store, CommandPathOptions options, ILogger logger,
        Action<OrderPlaced>? onOrderRecorded = null, TimeProvider? clock = null, LogAnomalies? anomalies = null,
        ISnapshotStore? snapshots = null)
    {
        _snapshots = snapshots;
        _nextSnapshotAt = options.SnapshotEvery - 1;
        _clock = clock ?? TimeProvider.System;
        ItemId = itemId;
        _streamId = ItemStreams.For(itemId);
        _store = store;
        _options = options;
        _logger = logger;
        _onOrderRecorded = onOrderRecorded;
        _anomalies = anomalies;
        // The loop outlives the request that made the writer: it must not carry that request's log scope (correlation id).
        using (ExecutionContext.SuppressFlow()) _loop = Task.Run(RunGuardedAsync);
    }

    public string ItemId { get; }

    /// <summary>Counts appends that hit a wrong expected version and had to be decided again.</summary>
    public long ConflictCount { get; private set; }

    public long AppendCount => Interlocked.Read(ref _appendCount);

    /// <summary>Commands waiting to be taken into a batch.</summary>
    public int QueueLength => Volatile.Read(ref _queued);

    /// <param name="cancellationToken">A command whose caller gives up before the writer takes it is dropped (the
    /// caller's task is cancelled, nothing is decided); once decided, it is appended and answered as any other.</param>
    public Task<CommandOutcome> ExecuteAsync(ItemCommand command, CommandContext context, CancellationToken cancellationToken = default)
    {
        if (command.ItemId != ItemId) throw new ArgumentException($"Command for '{command.ItemId}' sent to the writer of '{ItemId}'.");
        if (cancellationToken.IsCancellationRequested) return Task.FromCanceled<CommandOutcome>(cancellationToken);
        if (Interlocked.Increment(ref _queued) > _options.MaxQueueLength)
        {
            Interlocked.Decrement(ref _queued);
            return Task.FromException<CommandOutcome>(new CommandPathOverloadedException(ItemId, _options.MaxQueueLength));
        }
        var pending = new PendingCommand(command, context, cancellationToken);
        if (_queue.Writer.TryWrite(pending)) return pending.Completion.Task;
        Interlocked.Decrement(ref _queued);
        return Task.FromException<CommandOutcome>(new ObjectDisposedException(nameof(ItemWriter), "The item writer is shutting down."));
    }

    public async ValueTask DisposeAsync()
    {
        // Queued commands are still decided and appended: shutdown drains, it does not drop.
        _queue.Writer.TryComplete();
        await _loop;
        await FinishSnapshotAsync();
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
            _logger.WriterStopped(ex, ItemId);
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
                if (inFlight?.Append is null) SnapshotIfDue();
                continue;
            }

            var next = await DecideWhileAppendingAsync(reader, inFlight);
            var committed = await FinishAsync(inFlight);
            SnapshotIfDue();
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

    /// <summary>Up to <paramref name="max"/> queued commands; those whose caller has given up are dropped here, undecided.</summary>
    private List<PendingCommand> Take(ChannelReader<PendingCommand> reader, int max)
    {
        var commands = new List<PendingCommand>();
        var taken = 0;
        while (commands.Count < max && reader.TryRead(out var pending))
        {
            taken++;
            if (pending.Cancellation.IsCancellationRequested) pending.Completion.TrySetCanceled(pending.Cancellation);
            else commands.Add(pending);
        }
        if (taken > 0) Interlocked.Add(ref _queued, -taken);
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

    private sealed record InFlight(DecidedBatch Batch, Task<AppendProgress>? Append);
}
