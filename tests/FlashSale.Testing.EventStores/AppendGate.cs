namespace FlashSale.Testing.EventStores;

/// <summary>Holds appends back while closed, so a test sees what is done with the commands queued meanwhile. Apart from
/// the store it gates, for hosts that create their store after the test made the gate.</summary>
public sealed class AppendGate
{
    private volatile TaskCompletionSource _open = Opened();
    private readonly TaskCompletionSource _blocked = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the first append is held back.</summary>
    public Task Blocked => _blocked.Task;

    public void Close() => _open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Open() => _open.TrySetResult();

    /// <summary>Completes when an append may go on.</summary>
    public Task PassAsync()
    {
        var open = _open.Task;
        if (!open.IsCompleted) _blocked.TrySetResult();
        return open;
    }

    private static TaskCompletionSource Opened()
    {
        var source = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        source.SetResult();
        return source;
    }
}
