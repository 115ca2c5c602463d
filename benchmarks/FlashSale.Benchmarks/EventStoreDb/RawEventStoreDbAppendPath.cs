using System.Buffers.Binary;
using System.Diagnostics;
using System.Net.Security;
using System.Text;
using FlashSale.EventStore.EventStoreDb;
using FlashSale.EventStore.EventStoreDb.Protocol;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;

namespace FlashSale.Benchmarks.EventStoreDb;

/// <summary>
/// What the server takes with nothing of ours around it: plain gRPC Append calls from the benchmark's own client (the
/// adapter's .proto files, no adapter code), one stream, one append in flight at a time like the hot item's writer,
/// each append a batch of as many events, of as many bytes, as the group commit's appends carried. No read-back,
/// no decisions, no serialization: the ceiling group commit is measured against. <paramref name="batchAppend"/>: each
/// append one request on one BatchAppend call (as the adapter does) instead of an Append call of one message per event.
/// </summary>
internal sealed class RawEventStoreDbAppendPath(EventStoreDbSettings settings, int eventsPerAppend, int dataBytes, int metadataBytes,
    bool batchAppend = false) : IDisposable
{
    private readonly GrpcChannel _channel = Channel(settings);
    private readonly string _stream = $"item-raw-{Guid.NewGuid():N}";
    private readonly ByteString _data = ByteString.CopyFrom(Encoding.UTF8.GetBytes($$"""{"pad":"{{new string('x', Math.Max(0, dataBytes - 10))}}"}"""));
    private readonly ByteString _metadata = ByteString.CopyFrom(Encoding.UTF8.GetBytes($$"""{"m":"{{new string('x', Math.Max(0, metadataBytes - 8))}}"}"""));

    public async Task<RawResult> RunAsync(TimeSpan warmup, TimeSpan measure)
    {
        var client = new Streams.StreamsClient(_channel);
        var headers = Headers(settings);
        using var batch = batchAppend ? client.BatchAppend(new CallOptions(headers)) : null;
        var latencies = new List<double>(100_000);
        long revision = -1, appends = 0;
        var clock = Stopwatch.StartNew();
        var measuringFrom = TimeSpan.MaxValue;
        var gcAtStart = default(GcWindow);
        while (clock.Elapsed < warmup + measure)
        {
            var measuring = clock.Elapsed >= warmup;
            if (measuring && measuringFrom == TimeSpan.MaxValue) (measuringFrom, gcAtStart) = (clock.Elapsed, GcWindow.Now());
            var started = Stopwatch.GetTimestamp();
            revision = batch is null ? await AppendAsync(client, headers, revision) : await BatchAppendAsync(batch, revision);
            if (!measuring) continue;
            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            appends++;
        }
        var seconds = (clock.Elapsed - measuringFrom).TotalSeconds;
        var gc = GcWindow.Now().Since(gcAtStart);
        latencies.Sort();
        return new RawResult(appends / seconds, appends * eventsPerAppend / seconds, eventsPerAppend,
            Percentile(latencies, 0.50), Percentile(latencies, 0.99), gc, seconds);
    }

    private async Task<long> AppendAsync(Streams.StreamsClient client, Metadata headers, long revision)
    {
        using var call = client.Append(new CallOptions(headers, DateTime.UtcNow + settings.DefaultDeadline));
        var options = new AppendReq.Types.Options { StreamIdentifier = new StreamIdentifier { StreamName = ByteString.CopyFromUtf8(_stream) } };
        if (revision < 0) options.NoStream = new Empty();
        else options.Revision = (ulong)revision;
        await call.RequestStream.WriteAsync(new AppendReq { Options = options });
        for (var i = 0; i < eventsPerAppend; i++)
            await call.RequestStream.WriteAsync(new AppendReq
            {
                ProposedMessage = new AppendReq.Types.ProposedMessage
                {
                    Id = NewId(),
                    Metadata = { ["type"] = "V1.RawAppended", ["content-type"] = "application/json" },
                    Data = _data,
                    CustomMetadata = _metadata,
                },
            });
        await call.RequestStream.CompleteAsync();
        var response = await call.ResponseAsync;
        return response.ResultCase == AppendResp.ResultOneofCase.Success
            ? (long)response.Success.CurrentRevision
            : throw new InvalidOperationException($"The raw append to {_stream} at {revision} was refused: {response}.");
    }

    private async Task<long> BatchAppendAsync(AsyncDuplexStreamingCall<BatchAppendReq, BatchAppendResp> call, long revision)
    {
        var options = new BatchAppendReq.Types.Options
        {
            StreamIdentifier = new StreamIdentifier { StreamName = ByteString.CopyFromUtf8(_stream) },
            Deadline21100 = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTime(DateTime.UtcNow + settings.DefaultDeadline),
        };
        if (revision < 0) options.NoStream = new Empty();
        else options.StreamPosition = (ulong)revision;
        var request = new BatchAppendReq { CorrelationId = NewId(), Options = options, IsFinal = true };
        for (var i = 0; i < eventsPerAppend; i++)
            request.ProposedMessages.Add(new BatchAppendReq.Types.ProposedMessage
            {
                Id = NewId(),
                Metadata = { ["type"] = "V1.RawAppended", ["content-type"] = "application/json" },
                Data = _data,
                CustomMetadata = _metadata,
            });
        await call.RequestStream.WriteAsync(request);
        if (!await call.ResponseStream.MoveNext(CancellationToken.None))
            throw new InvalidOperationException($"The raw BatchAppend call to {_stream} ended.");
        var response = call.ResponseStream.Current;
        return response.ResultCase == BatchAppendResp.ResultOneofCase.Success
            ? (long)response.Success.CurrentRevision
            : throw new InvalidOperationException($"The raw batch append to {_stream} at {revision} was refused: {response}.");
    }

    private static UUID NewId()
    {
        Span<byte> bytes = stackalloc byte[16];
        Guid.NewGuid().TryWriteBytes(bytes, bigEndian: true, out _);
        return new UUID
        {
            Structured = new UUID.Types.Structured
            {
                MostSignificantBits = BinaryPrimitives.ReadInt64BigEndian(bytes),
                LeastSignificantBits = BinaryPrimitives.ReadInt64BigEndian(bytes[8..]),
            },
        };
    }

    private static GrpcChannel Channel(EventStoreDbSettings settings)
    {
        var handler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true };
        if (settings is { Tls: true, TlsVerifyCert: false })
            handler.SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (_, _, _, _) => true };
        var node = settings.Hosts[0];
        return GrpcChannel.ForAddress($"{(settings.Tls ? "https" : "http")}://{node.Host}:{node.Port}",
            new GrpcChannelOptions { HttpHandler = handler, DisposeHttpClient = true });
    }

    private static Metadata Headers(EventStoreDbSettings settings)
    {
        var headers = new Metadata();
        if (settings is { Tls: true, HasCredentials: true })
            headers.Add("authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{settings.UserName}:{settings.Password}")));
        return headers;
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[(int)Math.Min(sorted.Count - 1, p * sorted.Count)];

    public void Dispose() => _channel.Dispose();
}

internal sealed record RawResult(double AppendsPerSec, double EventsPerSec, int EventsPerAppend, double P50Ms, double P99Ms, GcWindow Gc,
    double Seconds);
