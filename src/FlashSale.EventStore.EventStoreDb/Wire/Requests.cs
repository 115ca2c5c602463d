using FlashSale.EventStore.EventStoreDb.Protocol;
using Google.Protobuf.WellKnownTypes;
using Empty = FlashSale.EventStore.EventStoreDb.Protocol.Empty;
using Options = FlashSale.EventStore.EventStoreDb.Protocol.ReadReq.Types.Options;

namespace FlashSale.EventStore.EventStoreDb.Wire;

/// <summary>The Read and Append requests the adapter sends. Every Read carries uuid_option and both required oneofs.</summary>
internal static class Requests
{
    /// <summary>Matches every stream whose name does not start with <c>$</c>, snapshot streams excepted (ADR 0021).</summary>
    public const string UserStreamsRegex = Snapshots.SnapshotStreams.UserStreamsRegex;

    public static AppendReq AppendOptions(string streamId, ExpectedRevision expected)
    {
        var options = new AppendReq.Types.Options { StreamIdentifier = WireEvents.Stream(streamId) };
        if (expected.IsAny) options.Any = new Empty();
        else if (expected.IsNoStream) options.NoStream = new Empty();
        else if (expected.IsStreamExists) options.StreamExists = new Empty();
        else options.Revision = (ulong)expected.Value;
        return new AppendReq { Options = options };
    }

    /// <summary>BatchAppend's options; the deadline goes as the absolute <c>deadline_21_10_0</c> the official client sends,
    /// which every server with BatchAppend (21.10+) reads.</summary>
    public static BatchAppendReq.Types.Options BatchAppendOptions(string streamId, ExpectedRevision expected, DateTime? deadline)
    {
        var options = new BatchAppendReq.Types.Options
        {
            StreamIdentifier = WireEvents.Stream(streamId),
            Deadline21100 = Timestamp.FromDateTime(deadline ?? DateTime.SpecifyKind(DateTime.MaxValue, DateTimeKind.Utc)),
        };
        if (expected.IsAny) options.Any = new Empty();
        else if (expected.IsNoStream) options.NoStream = new Empty();
        else if (expected.IsStreamExists) options.StreamExists = new Empty();
        else options.StreamPosition = (ulong)expected.Value;
        return options;
    }

    public static ReadReq ReadStream(string streamId, long fromRevision, int count) => Read(o =>
    {
        o.Stream = new Options.Types.StreamOptions { StreamIdentifier = WireEvents.Stream(streamId), Revision = (ulong)fromRevision };
        o.Count = (ulong)count;
        o.NoFilter = new Empty();
    });

    /// <summary>A plain $all read starts AT <paramref name="from"/> (inclusive).</summary>
    public static ReadReq ReadAll(LogPosition? from, int count, StreamFilter? filter) => Read(o =>
    {
        o.All = All(from);
        o.Count = (ulong)count;
        SetFilter(o, filter);
    });

    /// <summary>A subscription starts AFTER <paramref name="after"/> (exclusive), or at the start when null.</summary>
    public static ReadReq SubscribeToAll(LogPosition? after, StreamFilter filter) => Read(o =>
    {
        o.All = All(after);
        o.Subscription = new Options.Types.SubscriptionOptions();
        SetFilter(o, filter);
    });

    private static Options.Types.AllOptions All(LogPosition? position) => position is { } p
        ? new() { Position = new Options.Types.Position { CommitPosition = p.Commit, PreparePosition = p.Prepare } }
        : new() { Start = new Empty() };

    /// <summary>
    /// Server-side stream-name filter. System streams never pass the port's filter, so <c>$</c> prefixes are not sent;
    /// with no prefix left, a regex excludes <c>$</c> streams. The adapter checks the port's filter again on arrival.
    /// </summary>
    private static void SetFilter(Options options, StreamFilter? filter)
    {
        if (filter is null)
        {
            options.NoFilter = new Empty();
            return;
        }
        var expression = new Options.Types.FilterOptions.Types.Expression();
        var prefixes = filter.StreamPrefixes.Where(p => p.Length > 0 && !p.StartsWith('$')).ToList();
        if (prefixes.Count > 0) expression.Prefix.AddRange(prefixes);
        else expression.Regex = UserStreamsRegex;
        options.Filter = new Options.Types.FilterOptions
        {
            StreamIdentifier = expression,
            Count = new Empty(),
            CheckpointIntervalMultiplier = 1,
        };
    }

    private static ReadReq Read(Action<Options> configure)
    {
        var options = new Options
        {
            ReadDirection = Options.Types.ReadDirection.Forwards,
            ResolveLinks = false,
            UuidOption = new Options.Types.UUIDOption { Structured = new Empty() },
            ControlOption = new Options.Types.ControlOption { Compatibility = 1 },
        };
        configure(options);
        return new ReadReq { Options = options };
    }
}
