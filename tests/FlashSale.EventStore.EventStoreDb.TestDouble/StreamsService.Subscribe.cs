using FlashSale.EventStore.EventStoreDb.Protocol;
using Grpc.Core;
using Options = FlashSale.EventStore.EventStoreDb.Protocol.ReadReq.Types.Options;

namespace FlashSale.EventStore.EventStoreDb.TestDouble;

internal sealed partial class StreamsService
{
    /// <summary>
    /// A catch-up subscription to $all: confirmation first, then every event after the start point, checkpoints on a
    /// filtered subscription (every <c>32 x multiplier</c> scanned events and whenever it reaches the end of the log),
    /// caught-up once it first reaches the end, then live. Registered so a test can drop it mid-stream.
    /// </summary>
    private async Task SubscribeAsync(Options options, bool structured, IServerStreamWriter<ReadResp> responses, ServerCallContext context)
    {
        var id = Guid.NewGuid();
        state.Subscriptions[id] = context.GetHttpContext();
        try
        {
            await responses.WriteAsync(new ReadResp { Confirmation = new() { SubscriptionId = id.ToString() } });
            var log = state.Log;
            var next = options.All.AllOptionCase switch
            {
                Options.Types.AllOptions.AllOptionOneofCase.Start => 0,
                Options.Types.AllOptions.AllOptionOneofCase.Position =>
                    log.IndexOf(options.All.Position.CommitPosition, options.All.Position.PreparePosition, inclusive: false),
                _ => log.Count,
            };
            state.SubscriptionStarts.Enqueue(options.All.AllOptionCase == Options.Types.AllOptions.AllOptionOneofCase.Position
                ? (options.All.Position.CommitPosition, options.All.Position.PreparePosition)
                : null);
            var matches = ReadValidation.Matcher(options);
            var interval = CheckpointInterval(options);
            var sinceCheckpoint = 0;
            StoredEvent? lastScanned = null;
            var caughtUp = false;
            while (!context.CancellationToken.IsCancellationRequested)
            {
                var changed = log.Changed;
                var slice = log.Slice(next, ScanPage);
                foreach (var e in slice)
                {
                    next++;
                    lastScanned = e;
                    var match = matches is null || matches(e);
                    if (match && matches is not null && state.CheckpointAheadOfEvents)
                    {
                        await responses.WriteAsync(Checkpoint(e));
                        if (Interlocked.Exchange(ref state.DropAfterNextCheckpoint, 0) == 1)
                        {
                            // Let the checkpoint reach the client before the reset overtakes it.
                            await Task.Delay(300, context.CancellationToken);
                            context.GetHttpContext().Abort();
                            return;
                        }
                    }
                    if (match) await responses.WriteAsync(EventMessage(e, structured, fromAll: true));
                    if (matches is not null && ++sinceCheckpoint >= interval)
                    {
                        await responses.WriteAsync(Checkpoint(e));
                        sinceCheckpoint = 0;
                    }
                }
                if (slice.Count == ScanPage) continue;
                if (matches is not null && sinceCheckpoint > 0 && lastScanned is not null)
                {
                    await responses.WriteAsync(Checkpoint(lastScanned));
                    sinceCheckpoint = 0;
                }
                if (!caughtUp)
                {
                    caughtUp = true;
                    if (state.SendCaughtUp) await responses.WriteAsync(new ReadResp { CaughtUp = new() });
                }
                await changed.WaitAsync(context.CancellationToken);
            }
        }
        finally
        {
            state.Subscriptions.TryRemove(id, out _);
        }
    }

    private static int CheckpointInterval(Options options)
    {
        if (options.FilterOptionCase != Options.FilterOptionOneofCase.Filter) return int.MaxValue;
        var window = options.Filter.WindowCase == Options.Types.FilterOptions.WindowOneofCase.Max ? (int)options.Filter.Max : 32;
        return Math.Max(1, window) * (int)Math.Max(1, options.Filter.CheckpointIntervalMultiplier);
    }

    private ReadResp Checkpoint(StoredEvent e)
    {
        state.LastCheckpointSent = (e.Commit, e.Prepare);
        return new() { Checkpoint = new() { CommitPosition = e.Commit, PreparePosition = e.Prepare } };
    }
}
