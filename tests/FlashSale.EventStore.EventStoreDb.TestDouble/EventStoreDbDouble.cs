using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FlashSale.EventStore.EventStoreDb.TestDouble;

/// <summary>
/// A loopback EventStoreDB node: the Streams gRPC service over h2c on 127.0.0.1 (a free port), an in-memory log
/// with the server's semantics, and switches for the faults a client must survive.
/// </summary>
public sealed class EventStoreDbDouble : IAsyncDisposable
{
    private WebApplication _app;
    private readonly DoubleState _state;
    private bool _running = true;

    private EventStoreDbDouble(WebApplication app, DoubleState state, int port)
    {
        _app = app;
        _state = state;
        Port = port;
    }

    public int Port { get; }

    public string Host => "127.0.0.1";

    public string ConnectionString => $"esdb://{Host}:{Port}?tls=false";

    public static async Task<EventStoreDbDouble> StartAsync(DoublePositions positions = DoublePositions.SelfCommitted)
    {
        var state = new DoubleState("127.0.0.1:2113", positions);
        var (app, port) = await LaunchAsync(state, 0);
        return new EventStoreDbDouble(app, state, port);
    }

    /// <summary>Takes the node down: every connection is closed and new ones are refused until <see cref="StartAgainAsync"/>.</summary>
    public async Task StopAsync()
    {
        if (!_running) return;
        _running = false;
        DropSubscriptions();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
    }

    /// <summary>Brings a stopped node back on the same port with the same log.</summary>
    public async Task StartAgainAsync()
    {
        if (_running) return;
        (_app, _) = await LaunchAsync(_state, Port);
        _running = true;
    }

    private static async Task<(WebApplication App, int Port)> LaunchAsync(DoubleState state, int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.Listen(IPAddress.Loopback, port, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc(grpc => grpc.MaxReceiveMessageSize = 64 * 1024 * 1024);
        builder.Services.AddSingleton(state);
        var app = builder.Build();
        app.MapGrpcService<StreamsService>();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return (app, new Uri(address).Port);
    }

    /// <summary>Every call answers PERMISSION_DENIED (exception=access-denied) while set.</summary>
    public bool DenyAccess { get => _state.DenyAccess; set => _state.DenyAccess = value; }

    /// <summary>Appends to metadata streams (<c>$$...</c>) answer PERMISSION_DENIED while set, as for a user whose ACL lacks
    /// the metadata write (<c>$mw</c>) role; every other call goes on.</summary>
    public bool DenyMetadataWrites { get => _state.DenyMetadataWrites; set => _state.DenyMetadataWrites = value; }

    /// <summary>Every call is accepted and never answered while set, until the client's deadline ends it.</summary>
    public bool Stall { get => _state.Stall; set => _state.Stall = value; }

    /// <summary>False imitates servers older than 23.10, which never send caught-up.</summary>
    public bool SendCaughtUp { get => _state.SendCaughtUp; set => _state.SendCaughtUp = value; }

    /// <summary>
    /// On filtered subscriptions, send a checkpoint at each matching event's position just before the event, as a
    /// server whose checkpoints name the next position to read would.
    /// </summary>
    public bool CheckpointAheadOfEvents { get => _state.CheckpointAheadOfEvents; set => _state.CheckpointAheadOfEvents = value; }

    /// <summary>Successful appends answer <c>no_position</c> (the schema allows it; the sheet does not say when a server does).</summary>
    public bool AppendsWithoutPosition { get => _state.AppendsWithoutPosition; set => _state.AppendsWithoutPosition = value; }

    /// <summary>False imitates servers before 21.10, which answer BatchAppend with UNIMPLEMENTED.</summary>
    public bool SupportsBatchAppend { get => _state.SupportsBatchAppend; set => _state.SupportsBatchAppend = value; }

    /// <summary>The next checkpoint sent is followed at once by a reset of that subscription's stream.</summary>
    public void DropAfterNextCheckpoint() => Volatile.Write(ref _state.DropAfterNextCheckpoint, 1);

    /// <summary>Bytes of data and metadata one append may carry (1 MiB by default, as the server's default).</summary>
    public int MaxAppendSize { get => _state.MaxAppendSize; set => _state.MaxAppendSize = value; }

    /// <summary>Appends so far: Append calls and appends of BatchAppend calls.</summary>
    public int AppendCalls => _state.AppendCalls;

    public int ReadCalls => _state.ReadCalls;

    /// <summary>BatchAppend calls opened so far (each carries any number of appends).</summary>
    public int BatchAppendCalls => _state.BatchAppendCalls;

    public int LiveSubscriptions => _state.Subscriptions.Count;

    /// <summary>requires-leader, connection-name and authorization headers of the calls so far.</summary>
    public IReadOnlyList<(string Header, string Value)> SeenHeaders => [.. _state.SeenHeaders];

    /// <summary>The next <paramref name="calls"/> calls fail with NOT_FOUND, exception=not-leader, naming <paramref name="leader"/>.</summary>
    public void FailNextCallsWithNotLeader(EventStoreDbDouble leader, int calls = 1) =>
        _state.FailNextWithNotLeader(leader.Host, leader.Port, calls);

    /// <summary>The next <paramref name="calls"/> calls (or appends only) are cut off mid-call (the HTTP/2 stream reset), as by
    /// a node that crashes.</summary>
    public void DropNextCalls(int calls = 1, bool appendsOnly = false) => _state.DropNext(calls, appendsOnly);

    /// <summary>
    /// The next <paramref name="calls"/> calls end with a status the server sends itself (in its trailers), as 23.10's
    /// <c>RpcExceptions</c> do: <c>Aborted</c> "Operation timed out: ..." for a write it did not finish in time,
    /// <c>Unknown</c> "Unexpected ReadAllResult: Error" for a read it failed, "No leader info available in response" from
    /// a follower during an election, <c>Unknown</c> "Exception was thrown by handler." for an exception in its code.
    /// </summary>
    public void FailNextCalls(Grpc.Core.StatusCode status, string detail, int calls = 1) => _state.FailNext(status, detail, calls);

    /// <summary>Deletes the stream for good: appends and reads then fail with exception=stream-deleted.</summary>
    public void Tombstone(string stream) => _state.Log.Tombstone(stream);

    /// <summary>Resets every live subscription's HTTP/2 stream mid-flight; returns how many were dropped.</summary>
    public int DropSubscriptions()
    {
        var dropped = 0;
        foreach (var (id, context) in _state.Subscriptions)
        {
            if (!_state.Subscriptions.TryRemove(id, out _)) continue;
            context.Abort();
            dropped++;
        }
        return dropped;
    }

    /// <summary>Where each $all subscription started: null = from the start, otherwise after that (commit, prepare).</summary>
    public IReadOnlyList<(ulong Commit, ulong Prepare)?> SubscriptionStarts => [.. _state.SubscriptionStarts];

    /// <summary>The position of the last checkpoint message sent on any subscription.</summary>
    public (ulong Commit, ulong Prepare)? LastCheckpointSent => _state.LastCheckpointSent;

    /// <summary>Event ids of a stream as stored (null when it does not exist).</summary>
    public IReadOnlyList<Guid>? StreamEventIds(string stream) => _state.Log.Stream(stream)?.Select(e => e.Id).ToList();

    /// <summary>Number of events in $all, system events included.</summary>
    public int EventCount => _state.Log.Count;

    public async ValueTask DisposeAsync() => await StopAsync();
}
