using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using FlashSale.ReadModels.Queries;
using Microsoft.Extensions.Options;
using Prometheus;

namespace FlashSale.Api.Metrics;

/// <summary>
/// <c>flashsale_inventory_level{item_id}</c> for the <see cref="MetricsOptions.InventoryItems"/> items ordered most
/// recently: a series per item ever listed would grow without bound. Orders only note the time (no allocation and no lock
/// once an item is known: every order of a hot item lands here); the levels are read from the inventory model when the
/// read side refreshes.
/// </summary>
public sealed class InventoryLevels
{
    private readonly ConcurrentDictionary<string, StrongBox<long>> _lastOrdered = new(StringComparer.Ordinal);
    private readonly HashSet<string> _exported = new(StringComparer.Ordinal);
    private readonly Gauge _level;
    private readonly ReadModelQueries _queries;
    private readonly int _limit;

    public InventoryLevels(CollectorRegistry registry, ReadModelQueries queries, IOptions<MetricsOptions> options)
    {
        (_queries, _limit) = (queries, options.Value.InventoryItems);
        _level = MetricFactories.WithoutExemplars(registry).CreateGauge("flashsale_inventory_level",
            "Units a buyer could still reserve, for the most recently ordered items (per the inventory model).", ["item_id"]);
    }

    public void Ordered(string itemId)
    {
        var now = Environment.TickCount64;
        if (_lastOrdered.TryGetValue(itemId, out var last)) Volatile.Write(ref last.Value, now);
        else _lastOrdered[itemId] = new StrongBox<long>(now);
    }

    internal async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var byRecency = _lastOrdered.OrderByDescending(e => Volatile.Read(ref e.Value.Value)).Select(e => e.Key).ToList();
        var recent = byRecency.Take(_limit).ToList();
        foreach (var forgotten in byRecency.Skip(_limit * 4)) _lastOrdered.TryRemove(forgotten, out _);
        foreach (var itemId in recent)
            if (await _queries.GetItemAsync(itemId, cancellationToken) is { } row) _level.WithLabels(itemId).Set(row.Available);
        foreach (var dropped in _exported.Except(recent).ToList())
        {
            _level.RemoveLabelled(dropped);
            _exported.Remove(dropped);
        }
        _exported.UnionWith(recent);
    }
}
