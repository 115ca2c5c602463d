using FlashSale.EventStore;

namespace FlashSale.Subscriptions.Checkpoints;

/// <summary>A checkpoint that lives as long as the process: for state rebuilt from the whole log at every start.</summary>
public sealed class InMemoryCheckpoint : ICheckpointStore
{
    private readonly Lock _lock = new();
    private LogPosition? _position;

    public LogPosition? Position
    {
        get { lock (_lock) return _position; }
    }

    public ValueTask<LogPosition?> LoadAsync(CancellationToken cancellationToken) => ValueTask.FromResult(Position);

    public ValueTask StoreAsync(LogPosition position, CancellationToken cancellationToken)
    {
        lock (_lock) _position = position;
        return ValueTask.CompletedTask;
    }
}
