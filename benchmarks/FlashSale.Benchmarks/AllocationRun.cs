using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Tracing;
using System.Runtime.CompilerServices;
using FlashSale.Application.CommandPath;
using FlashSale.Contracts;
using FlashSale.Domain.Items;
using FlashSale.EventStore;
using Microsoft.Extensions.Logging.Abstractions;

namespace FlashSale.Benchmarks;

/// <summary>
/// <c>--allocations</c>: what the group-commit writer allocates per order, without a store's own garbage: the writer appends
/// to <see cref="AnsweringStore"/> (keeps nothing, answers at once, each event's position or only the last as asked), and
/// the orders are made before the measured window, so the window holds the writer, its callers' awaits and nothing else.
/// The collector's sampled allocation events (one per ~100 KB) give the allocating types.
/// </summary>
internal static class AllocationRun
{
    public static async Task<int> RunAsync(int orders, int callers, bool everyPosition)
    {
        var store = new AnsweringStore(everyPosition);
        var metadata = ItemEventSerializer.SerializeMetadata(new EventMetadata("bench", "bench", "bench", DateTimeOffset.UtcNow));
        var listing = new SaleItemListed("hot", "Hot item", int.MaxValue, int.MaxValue, null, null, 600, DateTimeOffset.UtcNow);
        await store.AppendAsync(ItemStreams.For("hot"), ExpectedRevision.NoStream, [ItemEventSerializer.ToEventData(listing, 0, metadata)]);
        await using var writer = new ItemWriter("hot", store, new CommandPathOptions { SnapshotEvery = 0 }, NullLogger.Instance);
        var context = new CommandContext("correlation-0123456789abcdef", "causation-0123456789abcdef", "buyer");
        var now = DateTimeOffset.UtcNow;

        async Task Place(PlaceOrder[] commands)
        {
            var slices = Enumerable.Range(0, callers).Select(c => Task.Run(async () =>
            {
                for (var i = c; i < commands.Length; i += callers) await writer.ExecuteAsync(commands[i], context);
            }));
            await Task.WhenAll(slices);
        }

        PlaceOrder[] Orders(string prefix, int count) =>
            Enumerable.Range(0, count).Select(i => new PlaceOrder("hot", $"{prefix}-{i}", $"user-{prefix}-{i}", 1, now)).ToArray();

        await Place(Orders("warm", orders / 4));
        var measured = Orders("o", orders);
        GC.Collect();
        using var listener = new AllocationListener();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        await Place(measured);
        var cpuUsed = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        listener.Dispose();
        Console.WriteLine($"positions={(everyPosition ? "each event (sqlite)" : "last of append (eventstoredb)")} orders={orders} callers={callers} " +
            $"appends={store.Appends} events={store.Events}");
        Console.WriteLine($"allocated {allocated / (double)orders:F0} B per order ({allocated / (double)store.EventsSince(orders):F0} B per event), " +
            $"CPU {cpuUsed.TotalMicroseconds / orders:F2} µs per order, {clock.Elapsed.TotalMilliseconds:F0} ms");
        var sampled = listener.ByType.Values.Sum();
        Console.WriteLine("| type (sampled allocations) | share | ~B per order |");
        Console.WriteLine("|---|---:|---:|");
        foreach (var (type, bytes) in listener.ByType.OrderByDescending(t => t.Value).Take(25))
            Console.WriteLine($"| {type} | {100.0 * bytes / sampled:F1}% | {(double)allocated * bytes / sampled / orders:F0} |");
        return 0;
    }

    /// <summary>Keeps nothing: answers each append at once with positions counted up.</summary>
    private sealed class AnsweringStore(bool everyPosition) : IEventStore
    {
        private readonly Dictionary<string, long> _revisions = [];
        private ulong _head;
        private long _events;

        public long Appends { get; private set; }

        public long Events => _events;

        public long EventsSince(int orders) => orders * 2L;

        public bool AnswersEveryAppendedPosition => everyPosition;

        public Task<AppendResult> AppendAsync(string streamId, ExpectedRevision expected, IReadOnlyList<EventData> events,
            AppendPositions positions = AppendPositions.EachEvent, CancellationToken cancellationToken = default)
        {
            lock (_revisions)
            {
                var current = _revisions.GetValueOrDefault(streamId, -1);
                if (!expected.IsSatisfiedBy(current))
                    return Task.FromResult<AppendResult>(new AppendResult.WrongExpectedVersion(streamId, expected, current));
                Appends++;
                _events += events.Count;
                var answered = new LogPosition[everyPosition || positions == AppendPositions.EachEvent ? events.Count : 1];
                var first = _head + 1 + (ulong)(events.Count - answered.Length);
                for (var i = 0; i < answered.Length; i++) answered[i] = LogPosition.At(first + (ulong)i);
                _head += (ulong)events.Count;
                _revisions[streamId] = current + events.Count;
                return Task.FromResult<AppendResult>(new AppendResult.Success(current + events.Count, answered));
            }
        }

        public async IAsyncEnumerable<RecordedEvent> ReadStreamAsync(string streamId, long fromRevision = 0, int maxCount = int.MaxValue,
            [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await Task.CompletedTask;
            // The writer catches up once, at its start: the listing, as stored.
            if (fromRevision > 0) yield break;
            var listing = new SaleItemListed("hot", "Hot item", int.MaxValue, int.MaxValue, null, null, 600, DateTimeOffset.UtcNow);
            var data = ItemEventSerializer.ToEventData(listing, 0, ItemEventSerializer.SerializeMetadata(new EventMetadata("b", "b", "b", DateTimeOffset.UtcNow)));
            yield return new RecordedEvent(streamId, 0, LogPosition.At(1), data.EventId, data.Type, data.Data, data.Metadata, DateTimeOffset.UtcNow);
        }

        public IAsyncEnumerable<RecordedEvent> ReadAllAsync(LogPosition? after, int maxCount, StreamFilter? filter = null,
            CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public IAsyncEnumerable<RecordedEvent> SubscribeToAllAsync(LogPosition? checkpoint, StreamFilter filter,
            CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<LogPosition?> ReadHeadPositionAsync(CancellationToken cancellationToken = default) => Task.FromResult<LogPosition?>(null);
    }

    /// <summary>The runtime's GC AllocationTick events (about one per 100 KB allocated), summed by type.</summary>
    private sealed class AllocationListener : EventListener
    {
        public ConcurrentDictionary<string, long> ByType { get; } = new();

        protected override void OnEventSourceCreated(EventSource source)
        {
            if (source.Name == "Microsoft-Windows-DotNETRuntime") EnableEvents(source, EventLevel.Verbose, (EventKeywords)0x1);
        }

        protected override void OnEventWritten(EventWrittenEventArgs e)
        {
            if (e.EventName is not { } name || !name.StartsWith("GCAllocationTick", StringComparison.Ordinal) || e.Payload is null) return;
            var type = e.PayloadNames!.IndexOf("TypeName") is var t and >= 0 ? e.Payload[t] as string ?? "?" : "?";
            var amount = e.PayloadNames.IndexOf("AllocationAmount64") is var a and >= 0 ? Convert.ToInt64(e.Payload[a], System.Globalization.CultureInfo.InvariantCulture)
                : Convert.ToInt64(e.Payload[e.PayloadNames.IndexOf("AllocationAmount")], System.Globalization.CultureInfo.InvariantCulture);
            ByType.AddOrUpdate(type, amount, (_, sum) => sum + amount);
        }
    }
}
