using System.Text;
using FlashSale.EventStore.EventStoreDb;
using FlashSale.EventStore.EventStoreDb.Connection;
using FlashSale.EventStore.EventStoreDb.Protocol;
using FlashSale.EventStore.EventStoreDb.TestDouble;
using FlashSale.EventStore.EventStoreDb.Wire;
using Grpc.Core;
using Xunit.Abstractions;

namespace FlashSale.EventStore.Tests.EventStoreDb;

/// <summary>
/// Stream metadata as 23.10 reads it (<c>IndexReader.GetStreamMetadataUncached</c>, <c>StreamMetadata.TryFromJsonBytes</c>)
/// and what a forward read below <c>$tb</c> answers (<c>Enumerators.ReadStreamForwards</c>): the same facts on the double
/// and, when <c>FLASHSALE_TEST_ESDB</c> names one, on a real server.
/// </summary>
public abstract class StreamMetadataFacts : IAsyncLifetime
{
    private EventStoreDbConnection? _raw;

    /// <summary>Null when there is no server to run against (the test then passes without asserting anything).</summary>
    protected EventStoreDbEventStore? Store { get; private set; }

    protected abstract Task<string?> ConnectionStringAsync();

    public async Task InitializeAsync()
    {
        if (await ConnectionStringAsync() is not { } connectionString) return;
        Store = EventStoreDbEventStore.Connect(connectionString);
        _raw = new EventStoreDbConnection(EventStoreDbConnectionString.Parse(connectionString));
    }

    public virtual async Task DisposeAsync()
    {
        _raw?.Dispose();
        if (Store is not null) await Store.DisposeAsync();
    }

    public static TheoryData<string> Unreadable =>
        ["""{"$tb":"3"}""", """{"$tb":3.0}""", """{"$tb":-1}""", """{"$tb":3,"$maxCount":0}""", """{"$tb":3,"$tempStream":"yes"}""",
         """[3]""", """{"$tb":3""", """{"$tb":99999999999999999999}"""];

    [Theory]
    [MemberData(nameof(Unreadable))]
    public async Task metadata_the_server_cannot_read_counts_as_none_at_all(string json)
    {
        if (Store is null) return;
        var stream = NewStream();
        await AppendOk(stream, ExpectedRevision.NoStream, NewEvents(5));

        await SetMetadataAsync(stream, json);

        (await RevisionsAsync(stream)).ShouldBe([0L, 1L, 2L, 3L, 4L]);
    }

    [Fact]
    public async Task the_last_metadata_event_counts_whatever_its_type_and_unknown_properties_are_ignored()
    {
        if (Store is null) return;
        var stream = NewStream();
        await AppendOk(stream, ExpectedRevision.NoStream, NewEvents(5));

        await SetMetadataAsync(stream, """{"custom":{"a":[1,2]},"$tb":3,"$maxAge":86400}""", type: "NotMetadata");

        (await RevisionsAsync(stream)).ShouldBe([3L, 4L]);
    }

    [Fact]
    public async Task truncating_before_the_largest_revision_reads_as_a_deleted_stream_not_found()
    {
        if (Store is null) return;
        var stream = NewStream();
        await AppendOk(stream, ExpectedRevision.NoStream, NewEvents(2));

        await SetMetadataAsync(stream, $$"""{"$tb":{{long.MaxValue}}}""");

        var read = await RawReadAsync(Requests.ReadStream(stream, 0, 10));
        read.ShouldHaveSingleItem().ContentCase.ShouldBe(ReadResp.ContentOneofCase.StreamNotFound);
    }

    [Fact]
    public async Task a_forward_read_whose_first_page_lies_below_tb_says_where_the_stream_starts_then_reads_from_there()
    {
        if (Store is null) return;
        var stream = NewStream();
        await AppendOk(stream, ExpectedRevision.NoStream, NewEvents(50));
        await SetMetadataAsync(stream, """{"$tb":40}""");

        var below = await RawReadAsync(Requests.ReadStream(stream, 0, 5));
        var overlapping = await RawReadAsync(Requests.ReadStream(stream, 30, 15));

        below.Select(Shape).ShouldBe(["first 40", "event 40", "event 41", "event 42", "event 43", "event 44", "last 49"]);
        overlapping.Select(Shape).ShouldBe([.. Enumerable.Range(40, 10).Select(r => $"event {r}"), "last 49"]);
        (await Store!.ReadStreamAsync(stream, 0, 5).Select(e => e.StreamRevision).ToListAsync()).ShouldBe([40L, 41L, 42L, 43L, 44L]);
    }

    [Fact]
    public async Task a_repeat_whose_last_event_the_metadata_truncates_is_answered_without_a_position()
    {
        if (Store is null) return;
        var stream = NewStream();
        var first = NewEvents(3);
        await AppendOk(stream, ExpectedRevision.NoStream, first);
        await AppendOk(stream, ExpectedRevision.Exact(2), NewEvents(2));
        var readable = await RawAppendAsync(stream, ExpectedRevision.NoStream, first);

        await SetMetadataAsync(stream, """{"$tb":3}""");
        var truncated = await RawAppendAsync(stream, ExpectedRevision.NoStream, first);

        readable.Success.PositionOptionCase.ShouldBe(AppendResp.Types.Success.PositionOptionOneofCase.Position);
        truncated.Success.CurrentRevision.ShouldBe(2ul);
        truncated.Success.PositionOptionCase.ShouldBe(AppendResp.Types.Success.PositionOptionOneofCase.NoPosition);
        (await RevisionsAsync(stream)).ShouldBe([3L, 4L]);
    }

    private Task<AppendResp> RawAppendAsync(string stream, ExpectedRevision expected, EventData[] events) =>
        _raw!.CallAsync(async (client, options) =>
        {
            using var call = client.Append(options);
            await call.RequestStream.WriteAsync(Requests.AppendOptions(stream, expected));
            foreach (var e in events) await call.RequestStream.WriteAsync(WireEvents.ToProposed(e));
            await call.RequestStream.CompleteAsync();
            return await call.ResponseAsync;
        }, stream, CancellationToken.None);

    private static string Shape(ReadResp r) => r.ContentCase switch
    {
        ReadResp.ContentOneofCase.Event => $"event {r.Event.Event.StreamRevision}",
        ReadResp.ContentOneofCase.FirstStreamPosition => $"first {r.FirstStreamPosition}",
        ReadResp.ContentOneofCase.LastStreamPosition => $"last {r.LastStreamPosition}",
        _ => r.ContentCase.ToString(),
    };

    private Task<List<ReadResp>> RawReadAsync(ReadReq request) =>
        _raw!.CallAsync(async (client, options) =>
        {
            using var call = client.Read(request, options);
            return await call.ResponseStream.ReadAllAsync().ToListAsync();
        }, null, CancellationToken.None);

    protected static string NewStream() => $"item-{Guid.NewGuid():N}";

    private static EventData[] NewEvents(int count) =>
        [.. Enumerable.Range(0, count).Select(_ => new EventData(Guid.NewGuid(), "V1.TestHappened", "{}"u8.ToArray(), "{}"u8.ToArray()))];

    private async Task AppendOk(string stream, ExpectedRevision expected, params EventData[] events) =>
        (await Store!.AppendAsync(stream, expected, events)).ShouldBeOfType<AppendResult.Success>();

    private Task SetMetadataAsync(string stream, string json, string type = "$metadata") =>
        AppendOk("$$" + stream, ExpectedRevision.Any, new EventData(Guid.NewGuid(), type, Encoding.UTF8.GetBytes(json), "{}"u8.ToArray()));

    private async Task<List<long>> RevisionsAsync(string stream) =>
        await Store!.ReadStreamAsync(stream).Select(e => e.StreamRevision).ToListAsync();
}

public sealed class StreamMetadataFidelityTests : StreamMetadataFacts
{
    private EventStoreDbDouble? _server;

    protected override async Task<string?> ConnectionStringAsync() => (_server = await EventStoreDbDouble.StartAsync()).ConnectionString;

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_server is not null) await _server.DisposeAsync();
    }
}

/// <summary>The same facts on a real server when <c>FLASHSALE_TEST_ESDB</c> holds its connection string; without it each
/// test says so in its output and passes, as <see cref="RealServerContractTests"/> do.</summary>
public sealed class RealServerStreamMetadataTests(ITestOutputHelper output) : StreamMetadataFacts
{
    protected override Task<string?> ConnectionStringAsync()
    {
        var connectionString = Environment.GetEnvironmentVariable(RealServerContractTests.Variable);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            output.WriteLine($"{RealServerContractTests.Variable} is not set: these stream metadata facts did NOT run against a real server.");
            return Task.FromResult<string?>(null);
        }
        return Task.FromResult<string?>(connectionString);
    }
}
