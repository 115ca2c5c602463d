using FlashSale.EventStore.EventStoreDb;
using FlashSale.EventStore.EventStoreDb.Connection;

namespace FlashSale.EventStore.Tests.EventStoreDb;

public sealed class ConnectionStringTests
{
    [Fact]
    public void an_insecure_single_node_string_names_host_port_and_no_tls()
    {
        var settings = EventStoreDbConnectionString.Parse("esdb://127.0.0.1:2113?tls=false");

        settings.Hosts.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            h => h.Host.ShouldBe("127.0.0.1"),
            h => h.Port.ShouldBe(2113));
        settings.Tls.ShouldBeFalse();
        settings.Discover.ShouldBeFalse();
        settings.HasCredentials.ShouldBeFalse();
        settings.DefaultDeadline.ShouldBe(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void tls_is_on_by_default_and_the_port_defaults_to_2113()
    {
        var settings = EventStoreDbConnectionString.Parse("kurrentdb://eventstore.internal");

        settings.Tls.ShouldBeTrue();
        settings.TlsVerifyCert.ShouldBeTrue();
        settings.Hosts.ShouldHaveSingleItem().Port.ShouldBe(2113);
    }

    [Fact]
    public void a_cluster_string_lists_every_host_with_credentials_and_options()
    {
        var settings = EventStoreDbConnectionString.Parse(
            "esdb+discover://admin:chan%40geit@node1:2113,node2:2114,node3/?tlsVerifyCert=false&defaultDeadline=2500&connectionName=api-1&NodePreference=leader");

        settings.Discover.ShouldBeTrue();
        settings.Hosts.Select(h => $"{h.Host}:{h.Port}").ShouldBe(["node1:2113", "node2:2114", "node3:2113"]);
        settings.UserName.ShouldBe("admin");
        settings.Password.ShouldBe("chan@geit");
        settings.Tls.ShouldBeTrue();
        settings.TlsVerifyCert.ShouldBeFalse();
        settings.DefaultDeadline.ShouldBe(TimeSpan.FromMilliseconds(2500));
        settings.ConnectionName.ShouldBe("api-1");
        settings.ToString().ShouldNotContain("chan");
    }

    [Theory]
    [InlineData("esdb://localhost", EventStoreDbAppendProtocol.Auto)]
    [InlineData("esdb://localhost?appendProtocol=auto", EventStoreDbAppendProtocol.Auto)]
    [InlineData("esdb://localhost?appendProtocol=append", EventStoreDbAppendProtocol.Append)]
    [InlineData("esdb://localhost?AppendProtocol=BatchAppend", EventStoreDbAppendProtocol.BatchAppend)]
    public void the_append_protocol_is_auto_unless_the_string_names_one(string connectionString, EventStoreDbAppendProtocol protocol)
    {
        var settings = EventStoreDbConnectionString.Parse(connectionString);

        settings.AppendProtocol.ShouldBe(protocol);
        settings.ToString().Contains("appendProtocol", StringComparison.Ordinal).ShouldBe(protocol != EventStoreDbAppendProtocol.Auto);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("http://localhost:2113", "must start with one of esdb://")]
    [InlineData("esdb://", "a host is missing")]
    [InlineData("esdb://node1:2113,,node2", "a host is missing")]
    [InlineData("esdb://localhost:99999", "invalid port")]
    [InlineData("esdb://localhost:abc", "invalid port")]
    [InlineData("esdb://localhost?tls=maybe", "tls='maybe' must be true or false")]
    [InlineData("esdb://localhost?defaultDeadline=-5", "defaultDeadline='-5' must be a positive number of milliseconds")]
    [InlineData("esdb://localhost?colour=blue", "unknown setting 'colour'")]
    [InlineData("esdb://localhost?tls", "must be key=value")]
    [InlineData("esdb://admin@localhost", "credentials must be user:password@")]
    [InlineData("esdb://localhost/streams", "a path is not allowed")]
    [InlineData("esdb://localhost?nodePreference=nearest", "nodePreference 'nearest'")]
    [InlineData("esdb://localhost?appendProtocol=grpc", "appendProtocol='grpc' must be auto, append or batchAppend")]
    [InlineData("esdb://localhost?appendProtocol=", "appendProtocol='' must be auto, append or batchAppend")]
    public void a_bad_connection_string_is_rejected_naming_what_is_wrong(string connectionString, string reason)
    {
        var error = Should.Throw<FormatException>(() => EventStoreDbConnectionString.Parse(connectionString));

        error.Message.ShouldContain(reason);
    }

    [Fact]
    public void an_error_message_never_shows_the_password()
    {
        var error = Should.Throw<FormatException>(() => EventStoreDbConnectionString.Parse("esdb://admin:s3cret@localhost?tls=nope"));

        error.Message.ShouldNotContain("s3cret");
        error.Message.ShouldContain("admin:***@localhost");
    }

    [Fact]
    public void credentials_travel_as_basic_auth_only_over_tls()
    {
        var secure = EventStoreDbConnection.Headers(EventStoreDbConnectionString.Parse("esdb://admin:changeit@node1?connectionName=api"));
        var insecure = EventStoreDbConnection.Headers(EventStoreDbConnectionString.Parse("esdb://admin:changeit@node1?tls=false"));

        secure.GetValue("authorization").ShouldBe("Basic YWRtaW46Y2hhbmdlaXQ=");
        secure.GetValue("requires-leader").ShouldBe("true");
        secure.GetValue("connection-name").ShouldBe("api");
        insecure.GetValue("authorization").ShouldBeNull();
        insecure.GetValue("requires-leader").ShouldBe("true");
    }
}
