using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Text;
using FlashSale.EventStore.EventStoreDb.Protocol;
using Grpc.Core;
using Grpc.Net.Client;

namespace FlashSale.EventStore.EventStoreDb.Connection;

/// <summary>
/// One HTTP/2 channel per node, the node currently believed to be the leader, and the call options every call
/// carries. A not-leader answer moves to the leader it names; an unreachable node moves to the next seed host.
/// </summary>
internal sealed class EventStoreDbConnection(EventStoreDbSettings settings) : IDisposable
{
    private const int MaxHops = 5;
    private const int MaxUnavailableRetries = 4;

    private readonly ConcurrentDictionary<DnsEndPoint, Lazy<NodeChannel>> _channels = new();
    // The same headers on every call: built once, not per call (gRPC only reads them).
    private readonly Metadata _headers = Headers(settings);
    private DnsEndPoint _node = settings.Hosts[0];
    private int _seed;

    public EventStoreDbSettings Settings => settings;

    public DnsEndPoint Node => Volatile.Read(ref _node);

    // Lazy: concurrent first calls to a node must share one channel, not race to create (and leak) several.
    public StreamsCaller Client => _channels.GetOrAdd(Node, node => new Lazy<NodeChannel>(() => new NodeChannel(CreateChannel(node), _headers, settings.AppendProtocol))).Value.Client;

    /// <param name="deadline">Every call gets the default deadline except a live subscription, which runs until cancelled.</param>
    public CallOptions Options(CancellationToken cancellationToken, bool deadline = true) =>
        new(_headers, deadline ? DateTime.UtcNow + settings.DefaultDeadline : null, cancellationToken);

    public void FollowLeader(DnsEndPoint? leader)
    {
        if (leader is not null) Volatile.Write(ref _node, leader);
        else NextSeed();
    }

    public void NextSeed() =>
        Volatile.Write(ref _node, settings.Hosts[(Interlocked.Increment(ref _seed) & int.MaxValue) % settings.Hosts.Count]);

    /// <summary>
    /// Runs a call against the leader: follows not-leader redirects, retries an unreachable or busy node briefly
    /// (trying the other seeds), and maps failures to the port's exceptions. Retrying an append is safe: the same
    /// event ids with the same expected revision never write twice.
    /// </summary>
    public async Task<T> CallAsync<T>(Func<StreamsCaller, CallOptions, Task<T>> call, string? streamId,
        CancellationToken cancellationToken)
    {
        var unavailable = 0;
        for (var attempt = 1; ; attempt++)
        {
            var node = Node;
            try
            {
                return await call(Client, Options(cancellationToken));
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Cancelled && cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException("The event store call was cancelled.", e, cancellationToken);
            }
            catch (RpcException e) when (RpcErrors.IsNotLeader(e, out var leader) && attempt < MaxHops)
            {
                FollowLeader(leader);
            }
            catch (RpcException e) when ((e.StatusCode == StatusCode.Unavailable || RpcErrors.IsNoLeaderYet(e)) && ++unavailable <= MaxUnavailableRetries)
            {
                if (settings.Hosts.Count > 1) NextSeed();
                await Task.Delay(TimeSpan.FromMilliseconds(100 << (unavailable - 1)), cancellationToken);
            }
            catch (RpcException e)
            {
                throw RpcErrors.Map(e, streamId, $"{node.Host}:{node.Port}");
            }
        }
    }

    public static Metadata Headers(EventStoreDbSettings settings)
    {
        var headers = new Metadata { { "requires-leader", "true" }, { "connection-name", settings.ConnectionName } };
        // Credentials only travel encrypted; an insecure node ignores them anyway.
        if (settings is { Tls: true, HasCredentials: true })
            headers.Add("authorization",
                "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{settings.UserName}:{settings.Password}")));
        return headers;
    }

    private GrpcChannel CreateChannel(DnsEndPoint node)
    {
        var handler = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            KeepAlivePingDelay = settings.KeepAliveInterval,
            KeepAlivePingTimeout = settings.KeepAliveTimeout,
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
            ConnectTimeout = settings.DefaultDeadline,
        };
        if (settings is { Tls: true, TlsVerifyCert: false })
            handler.SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (_, _, _, _) => true };
        var address = $"{(settings.Tls ? "https" : "http")}://{node.Host}:{node.Port}";
        return GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            HttpHandler = handler,
            DisposeHttpClient = true,
            // After an outage the channel reconnects within seconds, not the default's minutes.
            InitialReconnectBackoff = TimeSpan.FromMilliseconds(100),
            MaxReconnectBackoff = TimeSpan.FromSeconds(5),
            MaxReceiveMessageSize = 32 * 1024 * 1024,
        });
    }

    public void Dispose()
    {
        foreach (var channel in _channels.Values.Where(c => c.IsValueCreated))
        {
            channel.Value.Client.BatchAppends.Dispose();
            channel.Value.Channel.Dispose();
        }
        _channels.Clear();
    }

    private sealed record NodeChannel(GrpcChannel Channel, Metadata Headers, EventStoreDbAppendProtocol AppendProtocol)
    {
        public StreamsCaller Client { get; } = new(Channel, Headers, AppendProtocol);
    }
}
