using System.Globalization;
using System.Net;
using System.Text;
using FlashSale.Api.Tests.Fixtures;
using FlashSale.Application.CommandPath;
using FlashSale.Application.Items;
using FlashSale.Contracts;
using FlashSale.Domain.Items;
using FlashSale.EventStore;
using FlashSale.EventStore.Sqlite;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace FlashSale.Api.Tests.Log;

/// <summary>The API starts on a log holding an event it cannot read and one of a type it does not know: it reports both
/// (status endpoint, metrics), answers 503 <c>item.unreadable</c> for that one item only, and serves it again once an
/// operator skipped the event.</summary>
public sealed class UnreadableEventEndpointTests : IAsyncLifetime
{
    private readonly FlashSaleApiFactory _api = new();
    private LogPosition _unreadable;
    private LogPosition _unknown;

    public async Task InitializeAsync()
    {
        await using var store = await SqliteEventStore.OpenAsync(EventLog.PathIn(_api.DataDirectory));
        var listing = new SaleItemListed("broken", "Broken", 5, 2, null, null, 600, DateTimeOffset.UtcNow);
        await store.AppendAsync(ItemStreams.For("broken"), ExpectedRevision.NoStream, [ItemEventSerializer.ToEventData(listing, 0, ReadOnlyMemory<byte>.Empty)]);
        _unreadable = await AppendRawAsync(store, "broken", 1, "V1.OrderPlaced", "{\"orderId\": [1, 2]}");
        var other = new SaleItemListed("fine", "Fine", 5, 2, null, null, 600, DateTimeOffset.UtcNow);
        await store.AppendAsync(ItemStreams.For("fine"), ExpectedRevision.NoStream, [ItemEventSerializer.ToEventData(other, 0, ReadOnlyMemory<byte>.Empty)]);
        _unknown = await AppendRawAsync(store, "fine", 1, "V9.FromTheFuture", "{}");
    }

    public Task DisposeAsync()
    {
        _api.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task the_api_starts_reports_the_unreadable_event_and_refuses_only_its_item_until_it_is_skipped()
    {
        var refused = await _api.PlaceOrderAsync("o-1", "broken", "alice");
        var fine = await _api.PlaceOrderAsync("o-2", "fine", "bob");

        refused.Status.ShouldBe(HttpStatusCode.ServiceUnavailable);
        refused.Code.ShouldBe("item.unreadable");
        refused.String("position").ShouldBe(_unreadable.ToToken());
        refused.String("itemId").ShouldBe("broken");
        fine.Status.ShouldBe(HttpStatusCode.Created);

        var status = (await _api.Operator.QueryAsync("/api/admin/log/unreadable")).Answer;
        status.Status.ShouldBe(HttpStatusCode.OK);
        status.Json.GetProperty("blocking").GetInt32().ShouldBe(1);
        var reported = status.Json.GetProperty("unreadable").EnumerateArray().ShouldHaveSingleItem();
        reported.GetProperty("streamId").GetString().ShouldBe("item-broken");
        reported.GetProperty("revision").GetInt64().ShouldBe(1);
        reported.GetProperty("position").GetString().ShouldBe(_unreadable.ToToken());
        reported.GetProperty("type").GetString().ShouldBe("V1.OrderPlaced");
        reported.GetProperty("state").GetString().ShouldBe("blocking");
        var unknown = status.Json.GetProperty("unknown");
        unknown.GetProperty("count").GetInt64().ShouldBe(1);
        unknown.GetProperty("events").EnumerateArray().ShouldHaveSingleItem().GetProperty("position").GetString().ShouldBe(_unknown.ToToken());
        var metrics = Metrics((await _api.Buyer.QueryAsync("/metrics")).Answer.Text);
        metrics["flashsale_log_unreadable_events{state=\"blocking\"}"].ShouldBe(1);
        metrics["flashsale_log_unknown_events"].ShouldBe(1);

        var skip = await _api.Services.GetRequiredService<IMediator>().Send(new SkipUnreadableEventRequest("broken", _unreadable.ToToken(),
            "written by a broken import", CommandContext.System("operator")));

        skip.Revision.ShouldBe(1);
        (await _api.PlaceOrderAsync("o-3", "broken", "carol")).Status.ShouldBe(HttpStatusCode.Created);
        var after = (await _api.Operator.QueryAsync("/api/admin/log/unreadable")).Answer.Json;
        after.GetProperty("blocking").GetInt32().ShouldBe(0);
        after.GetProperty("unreadable")[0].GetProperty("state").GetString().ShouldBe("skipped");
        Metrics((await _api.Buyer.QueryAsync("/metrics")).Answer.Text)["flashsale_log_unreadable_events{state=\"skipped\"}"].ShouldBe(1);
    }

    [Fact]
    public async Task the_unreadable_events_are_an_operator_endpoint() =>
        (await _api.Buyer.QueryAsync("/api/admin/log/unreadable")).Answer.Status.ShouldBe(HttpStatusCode.Unauthorized);

    private static async Task<LogPosition> AppendRawAsync(IEventStore store, string itemId, long revision, string type, string data)
    {
        var result = await store.AppendAsync(ItemStreams.For(itemId), ExpectedRevision.Exact(revision - 1),
            [new EventData(Guid.NewGuid(), type, Encoding.UTF8.GetBytes(data), ReadOnlyMemory<byte>.Empty)]);
        return result.ShouldBeOfType<AppendResult.Success>().Position;
    }

    private static Dictionary<string, double> Metrics(string text) => text.Split('\n')
        .Where(l => l.StartsWith("flashsale_log_", StringComparison.Ordinal))
        .Select(l => l.Split(' '))
        .ToDictionary(p => p[0], p => double.Parse(p[1], CultureInfo.InvariantCulture));
}
