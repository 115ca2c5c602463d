using System.Text;
using System.Text.Json;
using FlashSale.EventStore.EventStoreDb.Snapshots;
using FlashSale.EventStore.Logging;
using FlashSale.EventStore.Snapshots;
using FlashSale.EventStore.Tests.EventStoreDb;
using Microsoft.Extensions.Logging;

namespace FlashSale.EventStore.Tests.Snapshots;

/// <summary>How a replacing write moves its stream's <c>$tb</c>: the server's metadata format, other properties kept,
/// never backwards, and a failure logged while the snapshot stays written.</summary>
public sealed partial class EventStoreDbSnapshotStoreTests
{
    [Fact]
    public async Task a_replacing_write_keeps_the_other_properties_of_the_stream_metadata()
    {
        var stream = NewStream();
        var metastream = "$$" + SnapshotStreams.For(stream);
        await WrittenAsync(Replacing(stream, 10, Entry("o:a", "1")));
        await Events.AppendAsync(metastream, ExpectedRevision.Any, [new EventData(Guid.NewGuid(), "$metadata",
            """{"$maxAge":86400,"$tb":0,"operator":{"note":"kept"}}"""u8.ToArray(), "{}"u8.ToArray())]);
        var before = await Events.ReadStreamAsync(SnapshotStreams.For(stream)).CountAsync();

        await WrittenAsync(Replacing(stream, 20, Entry("o:b", "2")));

        var metadata = await Events.ReadStreamAsync(metastream).SingleAsync();
        metadata.Type.ShouldBe("$metadata");
        using var json = JsonDocument.Parse(metadata.Data);
        json.RootElement.GetProperty("$tb").GetRawText().ShouldBe(before.ToString(System.Globalization.CultureInfo.InvariantCulture));
        json.RootElement.GetProperty("$maxAge").GetInt64().ShouldBe(86400);
        json.RootElement.GetProperty("operator").GetProperty("note").GetString().ShouldBe("kept");
        (await Events.ReadStreamAsync(SnapshotStreams.For(stream)).Select(e => e.StreamRevision).FirstAsync()).ShouldBe(before);
    }

    [Fact]
    public void the_truncate_before_metadata_never_moves_back_and_replaces_metadata_the_server_cannot_read()
    {
        SnapshotRequests.TruncateBefore(5, Recorded("""{"$tb":7}""")).ShouldBeNull();
        SnapshotRequests.TruncateBefore(7, Recorded("""{"$tb":7}""")).ShouldBeNull();
        Json(SnapshotRequests.TruncateBefore(9, Recorded("""{"$tb":7,"x":true}"""))).ShouldBe("""{"x":true,"$tb":9}""");
        Json(SnapshotRequests.TruncateBefore(9, Recorded("not json"))).ShouldBe("""{"$tb":9}""");
        Json(SnapshotRequests.TruncateBefore(9, Recorded("""{"x":1}""", contentType: "application/octet-stream"))).ShouldBe("""{"$tb":9}""");
        Json(SnapshotRequests.TruncateBefore(9, null)).ShouldBe("""{"$tb":9}""");

        var message = SnapshotRequests.TruncateBefore(9, null)!.ProposedMessage;
        message.Metadata["type"].ShouldBe("$metadata");
        message.Metadata["content-type"].ShouldBe("application/json");
    }

    [Fact]
    public async Task a_truncate_the_server_refuses_is_logged_as_a_warning_and_the_snapshot_stays_written()
    {
        var log = new CapturedLog<EventStoreDbSnapshotStore>();
        var snapshots = new EventStoreDbSnapshotStore(Store, log);
        var stream = NewStream();
        (await snapshots.WriteAsync(Replacing(stream, 10, Entry("o:a", "1")))).ShouldBe(SnapshotWriteResult.Written);
        _server.DenyMetadataWrites = true;

        var replacing = Replacing(stream, 20, Entry("o:b", "2"));
        (await snapshots.WriteAsync(replacing)).ShouldBe(SnapshotWriteResult.Written);

        var line = log.Lines.ShouldHaveSingleItem();
        line.Event.ShouldBe(LogEvents.SnapshotTruncateFailed);
        line.Level.ShouldBe(LogLevel.Warning);
        line.Message.ShouldContain(SnapshotStreams.For(stream));
        line.Error.ShouldBeOfType<EventStoreAccessDeniedException>();
        (await Events.ReadStreamAsync(SnapshotStreams.For(stream)).Select(e => e.StreamRevision).FirstAsync()).ShouldBe(0);
        (await ShownAsync(stream)).ShouldBe(Expected(replacing, Entry("o:b", "2")));
    }

    private static FlashSale.EventStore.EventStoreDb.Protocol.ReadResp.Types.ReadEvent.Types.RecordedEvent Recorded(string data,
        string contentType = "application/json") => new()
    {
        Metadata = { ["type"] = "$metadata", ["content-type"] = contentType },
        Data = Google.Protobuf.ByteString.CopyFromUtf8(data),
    };

    private static string Json(FlashSale.EventStore.EventStoreDb.Protocol.AppendReq? message) =>
        Encoding.UTF8.GetString(message.ShouldNotBeNull().ProposedMessage.Data.Span);
}
