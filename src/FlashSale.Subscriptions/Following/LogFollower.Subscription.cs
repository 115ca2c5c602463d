using System.Threading.Channels;
using FlashSale.EventStore;
using FlashSale.Subscriptions.Handling;
using FlashSale.Subscriptions.Status;
using Microsoft.Extensions.Logging;

namespace FlashSale.Subscriptions.Following;

public sealed partial class LogFollower
{
    private bool _live;

    /// <summary>One subscription, from the stored checkpoint until it drops (an exception) or the run stops.</summary>
    private async Task FollowAsync(CancellationToken stoppingToken)
    {
        Enter(FollowerState.Starting, _progress.Error);
        var from = await _checkpoints.LoadAsync(stoppingToken);
        var head = await _events.ReadHeadPositionAsync(stoppingToken);
        // What this subscription must reach before it counts as live; null once reached.
        var target = head is { } h && !(from >= h) ? head : null;
        Moved(from, head, 0);
        _logger.FollowerSubscribed(Name, from?.ToToken() ?? "start");
        if (target is null) await ReachedHeadAsync(from, stoppingToken);
        else Enter(FollowerState.CatchingUp, null);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var buffer = Channel.CreateBounded<ReceivedEvent>(new BoundedChannelOptions(_options.Buffer) { SingleReader = true, SingleWriter = true });
        _buffer = buffer.Reader;
        using var decoding = _decodes.Subscribe(_options.DecodeOnly);
        var pump = PumpAsync(from, buffer.Writer, stop.Token);
        try
        {
            var position = from;
            Task<bool>? arriving = null;
            while (true)
            {
                if (target is { } catchingUpTo)
                {
                    arriving ??= buffer.Reader.WaitToReadAsync(stop.Token).AsTask();
                    if (await QuietAsync(arriving, stop.Token) && await NothingLeftAsync(position, catchingUpTo, stop.Token))
                    {
                        target = null;
                        await ReachedHeadAsync(position, stoppingToken);
                        continue;
                    }
                }
                var more = arriving is null ? await buffer.Reader.WaitToReadAsync(stop.Token) : await arriving;
                arriving = null;
                if (!more) break;
                var batch = Take(buffer.Reader, target);
                if (batch.Count == 0) continue;
                Taken(batch);
                await _handler.HandleAsync(new LogBatch(batch, _live), stoppingToken);
                position = batch[^1].Position;
                await _checkpoints.StoreAsync(position.Value, stoppingToken);
                _retryDelay = _options.RetryDelay;
                Handled(position.Value, batch.Count, buffer.Reader);
                if (target is { } t && position >= t)
                {
                    target = null;
                    await ReachedHeadAsync(position, stoppingToken);
                }
            }
            await pump; // the subscription ended: surface why
        }
        finally
        {
            await stop.CancelAsync();
            try { await pump; } catch (Exception) when (stop.IsCancellationRequested) { }
            Drained();
        }
    }

    private async Task PumpAsync(LogPosition? from, ChannelWriter<ReceivedEvent> buffer, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var recorded in _events.SubscribeToAllAsync(from, _options.Filter, cancellationToken))
            {
                await buffer.WriteAsync(_decodes.Decode(recorded, _options.DecodeOnly), cancellationToken);
                Arrived(recorded);
            }
            buffer.Complete();
        }
        catch (Exception ex)
        {
            buffer.Complete(ex);
            throw;
        }
    }

    /// <summary>What has arrived, up to a batch, and never past the head being caught up to (so the handler learns
    /// it is live between two batches, not inside one).</summary>
    private List<ReceivedEvent> Take(ChannelReader<ReceivedEvent> reader, LogPosition? upTo)
    {
        var batch = new List<ReceivedEvent>(Math.Clamp(reader.Count, 1, _options.BatchSize));
        while (batch.Count < _options.BatchSize && reader.TryRead(out var next))
        {
            batch.Add(next);
            if (upTo is { } head && next.Position >= head) break;
        }
        return batch;
    }

    private async Task ReachedHeadAsync(LogPosition? position, CancellationToken stoppingToken)
    {
        if (!_live)
        {
            await _handler.CaughtUpAsync(position, stoppingToken);
            _live = true;
            _caughtUp.TrySetResult();
        }
        Enter(FollowerState.Live, null);
    }

    /// <returns>True when nothing arrived for <see cref="FollowerOptions.QuietProbe"/>.</returns>
    private async Task<bool> QuietAsync(Task arriving, CancellationToken cancellationToken)
    {
        if (arriving.IsCompleted) return false;
        using var quiet = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var timer = Task.Delay(_options.QuietProbe, _clock, quiet.Token);
        var first = await Task.WhenAny(arriving, timer);
        await quiet.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
        return first == timer;
    }

    /// <summary>Whether the log holds no event for this follower after <paramref name="position"/> up to
    /// <paramref name="head"/> (the head itself may be an event the filter skips, which never arrives).</summary>
    private async Task<bool> NothingLeftAsync(LogPosition? position, LogPosition head, CancellationToken cancellationToken)
    {
        await foreach (var next in _events.ReadAllAsync(position, 1, _options.Filter, cancellationToken))
            return next.Position > head;
        return true;
    }
}
