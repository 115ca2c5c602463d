using FlashSale.Contracts;
using System.Collections.Concurrent;
using FlashSale.Domain;
using FlashSale.Domain.Items;
using FlashSale.EventStore;
using FlashSale.EventStore.Snapshots;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FlashSale.Application.CommandPath;

/// <summary>
/// The command path: routes every item command to that item's single writer in this process, creating writers on
/// first use. Writers are only created for items that exist (or are being listed), so unknown ids cost a lookup,
/// not memory.
/// </summary>
public sealed class ItemCommandPath(
    IEventStore store, IOptions<CommandPathOptions> options, OrderIndex orders, TimeProvider clock, ILogger<ItemWriter> logger,
    LogAnomalies anomalies, IServiceProvider services)
    : IAsyncDisposable
{
    // Resolved only when snapshots are on: a snapshot store that is never used is never opened (no snapshots.db, no
    // connection, no look for PostgreSQL's snapshot tables).
    private readonly ISnapshotStore? _snapshots = options.Value.SnapshotEvery > 0 ? services.GetService<ISnapshotStore>() : null;
    private readonly ConcurrentDictionary<string, Lazy<ItemWriter>> _writers = new(StringComparer.Ordinal);
    private volatile bool _closed;

    public Task<CommandOutcome> ExecuteAsync(ItemCommand command, CommandContext context, CancellationToken cancellationToken = default)
    {
        // An item with a writer already (every order but an item's first): the writer's own task, no state machine of ours.
        if (!_closed && _writers.TryGetValue(command.ItemId, out var known) && known.IsValueCreated)
            return _closed ? Task.FromException<CommandOutcome>(new ObjectDisposedException(nameof(ItemCommandPath), "The command path is shutting down."))
                : known.Value.ExecuteAsync(command, context, cancellationToken);
        return ExecuteOnNewWriterAsync(command, context, cancellationToken);
    }

    private async Task<CommandOutcome> ExecuteOnNewWriterAsync(ItemCommand command, CommandContext context, CancellationToken cancellationToken)
    {
        if (_closed) throw new ObjectDisposedException(nameof(ItemCommandPath), "The command path is shutting down.");
        if (!_writers.TryGetValue(command.ItemId, out var writer))
        {
            if (command is not ListItem && !await StreamExistsAsync(command.ItemId, cancellationToken))
                throw new DomainException(DomainErrors.ItemNotFound, $"Item '{command.ItemId}' is not listed.");
            writer = _writers.GetOrAdd(command.ItemId,
                id => new Lazy<ItemWriter>(() => new ItemWriter(id, store, options.Value, logger, orders.Record, clock, anomalies, _snapshots)));
        }
        // Disposal may have started while this writer was being created: its queue would never be drained.
        if (_closed) throw new ObjectDisposedException(nameof(ItemCommandPath), "The command path is shutting down.");
        return await writer.Value.ExecuteAsync(command, context, cancellationToken);
    }

    public IEnumerable<ItemWriter> ActiveWriters => _writers.Values.Where(w => w.IsValueCreated).Select(w => w.Value);

    public async ValueTask DisposeAsync()
    {
        _closed = true;
        foreach (var writer in ActiveWriters) await writer.DisposeAsync();
    }

    private async Task<bool> StreamExistsAsync(string itemId, CancellationToken cancellationToken)
    {
        await foreach (var _ in store.ReadStreamAsync(ItemStreams.For(itemId), 0, 1, cancellationToken)) return true;
        return false;
    }
}
