using System.Globalization;
using System.Net;

namespace FlashSale.EventStore.EventStoreDb;

/// <summary>
/// Parses <c>esdb://[user:pass@]host[:port][,host[:port]...][/][?key=value&amp;...]</c> (also <c>kurrentdb://</c>,
/// <c>esdb+discover://</c>, <c>kurrentdb+discover://</c>). Keys: tls (default true), tlsVerifyCert, connectionName,
/// defaultDeadline, keepAliveInterval, keepAliveTimeout (milliseconds), nodePreference, appendProtocol (auto, append or
/// batchAppend: <see cref="EventStoreDbAppendProtocol"/>).
/// </summary>
public static class EventStoreDbConnectionString
{
    private static readonly string[] Schemes = ["esdb", "kurrentdb", "esdb+discover", "kurrentdb+discover"];

    public static EventStoreDbSettings Parse(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
            throw new FormatException("The EventStoreDB connection string is empty; expected e.g. esdb://localhost:2113?tls=false.");
        var text = connectionString.Trim();
        var schemeEnd = text.IndexOf("://", StringComparison.Ordinal);
        var scheme = schemeEnd < 0 ? null : text[..schemeEnd].ToLowerInvariant();
        if (scheme is null || !Schemes.Contains(scheme))
            throw Invalid(text, $"it must start with one of {string.Join(", ", Schemes.Select(s => s + "://"))}");
        var rest = text[(schemeEnd + 3)..];

        var queryStart = rest.IndexOf('?', StringComparison.Ordinal);
        var query = queryStart < 0 ? "" : rest[(queryStart + 1)..];
        var authority = (queryStart < 0 ? rest : rest[..queryStart]).TrimEnd('/');
        if (authority.Contains('/', StringComparison.Ordinal)) throw Invalid(text, "a path is not allowed after the hosts");

        string? user = null, password = null;
        var at = authority.LastIndexOf('@');
        if (at >= 0)
        {
            var credentials = authority[..at];
            authority = authority[(at + 1)..];
            var colon = credentials.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || colon == credentials.Length - 1)
                throw Invalid(text, "credentials must be user:password@ with both parts present");
            user = Uri.UnescapeDataString(credentials[..colon]);
            password = Uri.UnescapeDataString(credentials[(colon + 1)..]);
        }

        var hosts = authority.Split(',').Select(h => ParseHost(text, h.Trim())).ToList();
        var options = ParseQuery(text, query);
        var deadline = Milliseconds(text, options, "defaultDeadline") ?? EventStoreDbSettings.DefaultDeadlineValue;
        return new EventStoreDbSettings(
            hosts,
            Discover: scheme.EndsWith("+discover", StringComparison.Ordinal),
            Tls: Bool(text, options, "tls") ?? true,
            TlsVerifyCert: Bool(text, options, "tlsVerifyCert") ?? true,
            user,
            password,
            deadline,
            options.GetValueOrDefault("connectionName") ?? $"flashsale-{Guid.NewGuid():N}",
            Milliseconds(text, options, "keepAliveInterval") ?? TimeSpan.FromSeconds(10),
            Milliseconds(text, options, "keepAliveTimeout") ?? TimeSpan.FromSeconds(10))
        {
            AppendProtocol = Protocol(text, options),
        };
    }

    private static DnsEndPoint ParseHost(string text, string host)
    {
        if (host.Length == 0) throw Invalid(text, "a host is missing (empty entry in the host list)");
        var portSeparator = host.StartsWith('[') ? host.IndexOf("]:", StringComparison.Ordinal) + 1 : host.LastIndexOf(':');
        var name = portSeparator > 0 ? host[..portSeparator] : host;
        var port = EventStoreDbSettings.DefaultPort;
        if (portSeparator > 0 &&
            (!int.TryParse(host[(portSeparator + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535))
            throw Invalid(text, $"'{host}' has an invalid port (expected 1-65535)");
        name = name.Trim('[', ']');
        if (name.Length == 0 || Uri.CheckHostName(name) == UriHostNameType.Unknown)
            throw Invalid(text, $"'{host}' is not a valid host name");
        return new DnsEndPoint(name, port);
    }

    private static Dictionary<string, string> ParseQuery(string text, string query)
    {
        var known = new[] { "tls", "tlsVerifyCert", "connectionName", "defaultDeadline", "keepAliveInterval", "keepAliveTimeout", "nodePreference", "appendProtocol" };
        var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0) throw Invalid(text, $"setting '{pair}' must be key=value");
            var key = known.FirstOrDefault(k => k.Equals(pair[..eq], StringComparison.OrdinalIgnoreCase))
                ?? throw Invalid(text, $"unknown setting '{pair[..eq]}' (known: {string.Join(", ", known)})");
            options[key] = Uri.UnescapeDataString(pair[(eq + 1)..]);
        }
        if (options.TryGetValue("nodePreference", out var preference) &&
            !new[] { "leader", "follower", "random", "readOnlyReplica" }.Contains(preference, StringComparer.OrdinalIgnoreCase))
            throw Invalid(text, $"nodePreference '{preference}' must be leader, follower, random or readOnlyReplica");
        return options;
    }

    private static readonly EventStoreDbAppendProtocol[] Protocols = Enum.GetValues<EventStoreDbAppendProtocol>();

    /// <summary>The protocol's name in a connection string: auto, append, batchAppend.</summary>
    public static string Name(EventStoreDbAppendProtocol protocol) => protocol switch
    {
        EventStoreDbAppendProtocol.Append => "append",
        EventStoreDbAppendProtocol.BatchAppend => "batchAppend",
        _ => "auto",
    };

    private static EventStoreDbAppendProtocol Protocol(string text, Dictionary<string, string> options)
    {
        if (!options.TryGetValue("appendProtocol", out var value)) return EventStoreDbAppendProtocol.Auto;
        foreach (var protocol in Protocols)
            if (Name(protocol).Equals(value, StringComparison.OrdinalIgnoreCase)) return protocol;
        throw Invalid(text, $"appendProtocol='{value}' must be auto, append or batchAppend");
    }

    private static bool? Bool(string text, Dictionary<string, string> options, string key) =>
        !options.TryGetValue(key, out var value) ? null
        : bool.TryParse(value, out var flag) ? flag
        : throw Invalid(text, $"{key}='{value}' must be true or false");

    private static TimeSpan? Milliseconds(string text, Dictionary<string, string> options, string key) =>
        !options.TryGetValue(key, out var value) ? null
        : int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) && ms > 0 ? TimeSpan.FromMilliseconds(ms)
        : throw Invalid(text, $"{key}='{value}' must be a positive number of milliseconds");

    private static FormatException Invalid(string text, string reason) =>
        new($"Invalid EventStoreDB connection string '{Redact(text)}': {reason}.");

    private static string Redact(string text)
    {
        var schemeEnd = text.IndexOf("://", StringComparison.Ordinal);
        var at = text.IndexOf('@', StringComparison.Ordinal);
        var colon = schemeEnd < 0 || at < 0 ? -1 : text.IndexOf(':', schemeEnd + 3);
        return colon > 0 && colon < at ? string.Concat(text.AsSpan(0, colon + 1), "***", text.AsSpan(at)) : text;
    }
}
