using System.Threading.Channels;
using FlashSale.EventStore;
using FlashSale.Subscriptions.Handling;
using FlashSale.Subscriptions.Status;

namespace FlashSale.Subscriptions.Following;

public sealed partial class LogFollower
{
    // Written by the follower's loop only; read by anyone through Status.
    private volatile Progress _progress;
    private volatile ChannelReader<ReceivedEvent>? _buffer;
    // When the oldest event received and not handled yet was recorded (UTC ticks; 0 when none waits). The pump sets
    // it when nothing waited, the loop when it takes or finishes a batch.
    private long _oldestWaiting;

    public FollowerStatus Status
    {
        get
        {
            var progress = _progress;
            var waiting = Interlocked.Read(ref _oldestWaiting);
            var lag = waiting == 0 ? 0 : Math.Max(0, (_clock.GetUtcNow().UtcTicks - waiting) / (double)TimeSpan.TicksPerSecond);
            return new FollowerStatus(Name, progress.State, progress.Position, progress.Head, progress.EventsHandled,
                _buffer?.Count ?? 0, lag, progress.Error, progress.Since);
        }
    }

    private void Enter(FollowerState state, string? error)
    {
        var progress = _progress;
        if (progress.State != state || progress.Error != error)
            _progress = progress with { State = state, Error = error, Since = _clock.GetUtcNow() };
    }

    private void Moved(LogPosition? position, LogPosition? head, long handled)
    {
        var progress = _progress;
        _progress = progress with { Position = position, Head = Newest(progress.Head, head), EventsHandled = progress.EventsHandled + handled };
    }

    private void Arrived(RecordedEvent recorded) => Interlocked.CompareExchange(ref _oldestWaiting, recorded.Created.UtcTicks, 0);

    private void Taken(List<ReceivedEvent> batch)
    {
        Interlocked.Exchange(ref _oldestWaiting, batch[0].Recorded.Created.UtcTicks);
        var progress = _progress;
        _progress = progress with { Head = Newest(progress.Head, batch[^1].Position) };
    }

    private void Handled(LogPosition position, int count, ChannelReader<ReceivedEvent> buffer)
    {
        Moved(position, null, count);
        Interlocked.Exchange(ref _oldestWaiting, buffer.TryPeek(out var next) ? next.Recorded.Created.UtcTicks : 0);
    }

    private void Drained()
    {
        _buffer = null;
        Interlocked.Exchange(ref _oldestWaiting, 0);
    }

    private static LogPosition? Newest(LogPosition? a, LogPosition? b) => a is null ? b : b is null ? a : a > b ? a : b;

    private sealed record Progress(FollowerState State, LogPosition? Position, LogPosition? Head, long EventsHandled, string? Error,
        DateTimeOffset Since);
}
