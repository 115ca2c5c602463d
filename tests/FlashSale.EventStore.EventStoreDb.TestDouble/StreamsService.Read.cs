using FlashSale.EventStore.EventStoreDb.Protocol;
using Google.Protobuf;
using Grpc.Core;
using Options = FlashSale.EventStore.EventStoreDb.Protocol.ReadReq.Types.Options;

namespace FlashSale.EventStore.EventStoreDb.TestDouble;

internal sealed partial class StreamsService
{
    private const int ScanPage = 256;

    public override async Task Read(ReadReq request, IServerStreamWriter<ReadResp> responseStream, ServerCallContext context)
    {
        await state.BeforeCallAsync(context, isAppend: false);
        var options = ReadValidation.Validate(request);
        var structured = options.UuidOption.ContentCase == Options.Types.UUIDOption.ContentOneofCase.Structured;
        if (options.StreamOptionCase == Options.StreamOptionOneofCase.Stream)
        {
            if (options.CountOptionCase == Options.CountOptionOneofCase.Subscription)
                throw new RpcException(new Status(StatusCode.Unimplemented, "The double serves $all subscriptions only."));
            await ReadStreamAsync(options, structured, responseStream);
        }
        else if (options.CountOptionCase == Options.CountOptionOneofCase.Subscription)
            await SubscribeAsync(options, structured, responseStream, context);
        else
            await ReadAllAsync(options, structured, responseStream);
    }

    private async Task ReadStreamAsync(Options options, bool structured, IServerStreamWriter<ReadResp> responses)
    {
        var name = options.Stream.StreamIdentifier.StreamName.ToStringUtf8();
        if (state.Log.IsTombstoned(name)) throw StreamDeleted(name);
        var count = (int)Math.Min(options.Count, int.MaxValue);
        var backwards = options.ReadDirection == Options.Types.ReadDirection.Backwards;
        var from = options.Stream.RevisionOptionCase switch
        {
            Options.Types.StreamOptions.RevisionOptionOneofCase.Revision => (long)Math.Min(options.Stream.Revision, long.MaxValue),
            Options.Types.StreamOptions.RevisionOptionOneofCase.Start => backwards ? -1 : 0,
            _ => long.MaxValue,
        };
        if (state.Log.StreamSlice(name, from, count, backwards) is not { } slice)
        {
            await responses.WriteAsync(new ReadResp { StreamNotFound = new() { StreamIdentifier = options.Stream.StreamIdentifier } });
            return;
        }
        if (!backwards && options.ControlOption?.Compatibility >= 1 && FirstStreamPosition(from, count, slice) is { } first)
            await responses.WriteAsync(new ReadResp { FirstStreamPosition = (ulong)first });
        foreach (var e in slice.Events) await responses.WriteAsync(EventMessage(e, structured, fromAll: false));
        if (options.ControlOption?.Compatibility >= 1)
            await responses.WriteAsync(new ReadResp { LastStreamPosition = (ulong)slice.LastRevision });
    }

    /// <summary>
    /// 23.10's <c>ReadStreamForwards</c> reads in pages of 32; when the first page holds no event (it ends below the first
    /// readable revision, or starts past the last) it tells where the stream's events start (<c>first_stream_position</c>:
    /// the first readable revision, or the last plus one), unless that is where the read started, and reads on from there.
    /// </summary>
    private static long? FirstStreamPosition(long from, int count, (IReadOnlyList<StoredEvent> Events, long LastRevision, long FirstReadable) slice)
    {
        const int ServerPage = 32;
        var pageEnd = from > long.MaxValue - ServerPage ? long.MaxValue : from + Math.Min(ServerPage, count) - 1;
        long next;
        if (pageEnd < slice.FirstReadable) next = slice.FirstReadable;
        else if (Math.Max(from, slice.FirstReadable) > slice.LastRevision) next = slice.LastRevision + 1;
        else return null;
        return next == from ? null : next;
    }

    private async Task ReadAllAsync(Options options, bool structured, IServerStreamWriter<ReadResp> responses)
    {
        var matches = ReadValidation.Matcher(options);
        var remaining = Math.Min(options.Count, int.MaxValue);
        var log = state.Log;
        if (options.ReadDirection == Options.Types.ReadDirection.Backwards)
        {
            var index = options.All.AllOptionCase switch
            {
                Options.Types.AllOptions.AllOptionOneofCase.End => log.Count - 1,
                Options.Types.AllOptions.AllOptionOneofCase.Position =>
                    log.IndexOf(options.All.Position.CommitPosition, options.All.Position.PreparePosition, inclusive: true) - 1,
                _ => -1,
            };
            for (; index >= 0 && remaining > 0; index--)
            {
                var e = log.Slice(index, 1)[0];
                if (matches is not null && !matches(e)) continue;
                await responses.WriteAsync(EventMessage(e, structured, fromAll: true));
                remaining--;
            }
            return;
        }
        var next = options.All.AllOptionCase switch
        {
            Options.Types.AllOptions.AllOptionOneofCase.Start => 0,
            Options.Types.AllOptions.AllOptionOneofCase.Position =>
                log.IndexOf(options.All.Position.CommitPosition, options.All.Position.PreparePosition, inclusive: true),
            _ => log.Count,
        };
        while (remaining > 0)
        {
            var slice = log.Slice(next, ScanPage);
            foreach (var e in slice)
            {
                next++;
                if (matches is not null && !matches(e)) continue;
                await responses.WriteAsync(EventMessage(e, structured, fromAll: true));
                if (--remaining == 0) break;
            }
            if (slice.Count < ScanPage) break;
        }
    }

    private static ReadResp EventMessage(StoredEvent e, bool structured, bool fromAll)
    {
        var recorded = new ReadResp.Types.ReadEvent.Types.RecordedEvent
        {
            Id = WireIds.ToWire(e.Id, structured),
            StreamIdentifier = new StreamIdentifier { StreamName = ByteString.CopyFromUtf8(e.Stream) },
            StreamRevision = (ulong)e.Revision,
            CommitPosition = e.Commit,
            PreparePosition = e.Prepare,
            Metadata = { e.Metadata },
            CustomMetadata = e.CustomMetadata,
            Data = e.Data,
        };
        var read = new ReadResp.Types.ReadEvent { Event = recorded };
        if (fromAll) read.CommitPosition = e.Commit;
        else read.NoPosition = new Empty();
        return new ReadResp { Event = read };
    }
}
