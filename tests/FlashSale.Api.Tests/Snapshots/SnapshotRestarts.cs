using System.Net;
using FlashSale.Api.Tests.Fixtures;
using FlashSale.Application.CommandPath;
using FlashSale.Contracts;
using FlashSale.EventStore.Snapshots;
using Microsoft.Extensions.DependencyInjection;

namespace FlashSale.Api.Tests.Snapshots;

/// <summary>
/// One sale in a first process with <c>CommandPath:SnapshotEvery</c> on, then restarted processes on the same store that
/// repeat every order: from the snapshot, by full replay, and after the snapshot was damaged. Every answer must be the
/// first process's, byte for byte.
/// </summary>
internal sealed class SnapshotRestarts(IReadOnlyDictionary<string, string?> settings)
{
    public const int Every = 10;
    private const int Orders = 25;

    public string ItemId { get; } = Ids.New("snap");

    public string StreamId => ItemStreams.For(ItemId);

    /// <summary>Lists the item and places every order (eight buyers with a limit of two: reservations and rejections).</summary>
    public async Task<List<HttpAnswer>> SellAsync()
    {
        using var api = Start(Every);
        (await api.ListItemAsync(ItemId, stock: 30, perUserLimit: 2)).Status.ShouldBe(HttpStatusCode.Created);
        return await PlaceAllAsync(api);
        // Stopping the host lets the writer finish its snapshot write.
    }

    /// <summary>A new process repeats every order; returns its answers and how its writer loaded the item.</summary>
    public async Task<(List<HttpAnswer> Answers, ItemLoad Load)> RepeatAsync(int snapshotEvery = Every)
    {
        using var api = Start(snapshotEvery);
        var answers = await PlaceAllAsync(api);
        var writer = api.Services.GetRequiredService<ItemCommandPath>().ActiveWriters.Single(w => w.ItemId == ItemId);
        return (answers, writer.LastLoad.ShouldNotBeNull());
    }

    /// <summary>The snapshot as stored now, rewritten further on with another event id (as from another log) or with
    /// entries that cannot be read.</summary>
    public static async Task DamageAsync(ISnapshotStore store, string streamId, string damage)
    {
        var stored = (await store.ReadAsync(streamId)).ShouldNotBeNull();
        var entries = damage == "corrupt"
            ? [.. stored.Entries.Select(e => new SnapshotEntry(e.Key, "{{"u8.ToArray()))]
            : stored.Entries;
        var write = new SnapshotWrite(streamId, stored.Revision + 1_000, Guid.NewGuid(), stored.Schema, stored.Header, entries, null);
        (await store.WriteAsync(write)).ShouldBe(SnapshotWriteResult.Written);
    }

    public static void ShouldAnswerAlike(List<HttpAnswer> answers, List<HttpAnswer> first)
    {
        answers.Count.ShouldBe(first.Count);
        for (var i = 0; i < first.Count; i++) answers[i].SameAs(first[i]).ShouldBeTrue($"order {i}: {answers[i]} instead of {first[i]}");
    }

    private FlashSaleApiFactory Start(int snapshotEvery) =>
        new(new Dictionary<string, string?>(settings) { ["CommandPath:SnapshotEvery"] = snapshotEvery.ToString(System.Globalization.CultureInfo.InvariantCulture) });

    private async Task<List<HttpAnswer>> PlaceAllAsync(FlashSaleApiFactory api)
    {
        var answers = new List<HttpAnswer>();
        for (var i = 0; i < Orders; i++) answers.Add(await api.PlaceOrderAsync($"order-{i}", ItemId, $"buyer-{i % 8}"));
        return answers;
    }
}
