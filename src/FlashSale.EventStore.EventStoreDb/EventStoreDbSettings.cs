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

    // The password never reaches logs or exception messages.
    public override string ToString() =>
        $"{(Discover ? "esdb+discover" : "esdb")}://{(HasCredentials ? $"{UserName}:***@" : "")}" +
        $"{string.Join(",", Hosts.Select(h => $"{h.Host}:{h.Port}"))}?tls={(Tls ? "true" : "false")}";
}
