using System.Net;

namespace FlashSale.EventStore.EventStoreDb;

/// <summary>What an <c>esdb://</c> connection string says; see <see cref="EventStoreDbConnectionString.Parse"/>.</summary>
public sealed record EventStoreDbSettings(
    IReadOnlyList<DnsEndPoint> Hosts,
    bool Discover,
    bool Tls,
    bool TlsVerifyCert,
    string? UserName,
    string? Password,
    TimeSpan DefaultDeadline,
    string ConnectionName,
    TimeSpan KeepAliveInterval,
    TimeSpan KeepAliveTimeout)
{
    public const int DefaultPort = 2113;

    public static readonly TimeSpan DefaultDeadlineValue = TimeSpan.FromSeconds(10);

    public bool HasCredentials => UserName is not null;

    /// <summary>How appends travel (connection string <c>appendProtocol</c>); snapshot parts always go over Append.</summary>
    public EventStoreDbAppendProtocol AppendProtocol { get; init; } = EventStoreDbAppendProtocol.Auto;

    // The password never reaches logs or exception messages.
    public override string ToString() =>
        $"{(Discover ? "esdb+discover" : "esdb")}://{(HasCredentials ? $"{UserName}:***@" : "")}" +
        $"{string.Join(",", Hosts.Select(h => $"{h.Host}:{h.Port}"))}?tls={(Tls ? "true" : "false")}" +
        (AppendProtocol == EventStoreDbAppendProtocol.Auto ? "" : $"&appendProtocol={EventStoreDbConnectionString.Name(AppendProtocol)}");
}

public enum EventStoreDbAppendProtocol
{
    /// <summary>BatchAppend, and Append from the first UNIMPLEMENTED answer on (a server before 21.10).</summary>
    Auto,

    /// <summary>Append only (one call per append, one message per event); BatchAppend is never asked.</summary>
    Append,

    /// <summary>BatchAppend only: a server without it fails every append instead of falling back.</summary>
    BatchAppend,
}
