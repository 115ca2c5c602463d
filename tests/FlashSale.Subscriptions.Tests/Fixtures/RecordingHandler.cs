using FlashSale.EventStore;
using FlashSale.Subscriptions.Handling;

namespace FlashSale.Subscriptions.Tests.Fixtures;

/// <summary>Remembers everything a follower told it. <see cref="Gate"/> holds batches back until opened;
/// <see cref="FailOnce"/> makes the next batch throw.</summary>
public sealed class RecordingHandler : ILogHandler
{
    private readonly Lock _lock = new();
    private readonly List<string> _journal = [];
    private readonly List<LogBatch> _batches = [];

    public TaskCompletionSource Gate { get; set; } = Opened();

    public Exception? FailOnce { get; set; }

    /// <summary>The size of the batch waiting at the gate (0 when none waits).</summary>
    public int Holding => Volatile.Read(ref _holding);

    private int _holding;

    public IReadOnlyList<LogBatch> Batches { get { lock (_lock) return [.. _batches]; } }

    public IReadOnlyList<ReceivedEvent> Events => [.. Batches.SelectMany(b => b.Events)];

    public IReadOnlyList<LogPosition> Positions => [.. Events.Select(e => e.Position)];

    /// <summary>What happened, in order: "batch n live|history", "caught up at p", "faulted: ...", "stopped".</summary>
    public IReadOnlyList<string> Journal { get { lock (_lock) return [.. _journal]; } }

    public async ValueTask HandleAsync(LogBatch batch, CancellationToken cancellationToken)
    {
        Volatile.Write(ref _holding, batch.Events.Count);
        await Gate.Task.WaitAsync(cancellationToken);
        Volatile.Write(ref _holding, 0);
        if (FailOnce is { } failure)
        {
            FailOnce = null;
            throw failure;
        }
        lock (_lock)
        {
            _batches.Add(batch with { Events = [.. batch.Events] });
            _journal.Add($"batch {batch.Events.Count} {(batch.Live ? "live" : "history")}");
        }
    }

    public ValueTask CaughtUpAsync(LogPosition? position, CancellationToken cancellationToken) =>
        Note($"caught up at {position?.ToToken() ?? "start"}");

    public ValueTask FaultedAsync(Exception error) => Note($"faulted: {error.Message}");

    public ValueTask StoppedAsync() => Note("stopped");

    private ValueTask Note(string what)
    {
        lock (_lock) _journal.Add(what);
        return ValueTask.CompletedTask;
    }

    public static TaskCompletionSource Opened()
    {
        var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        open.SetResult();
        return open;
    }

    public static TaskCompletionSource Closed() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
