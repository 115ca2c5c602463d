using System.Collections.Frozen;
using FlashSale.Domain;
using FlashSale.Domain.Items;
using Prometheus;

namespace FlashSale.Api.Metrics;

/// <summary>
/// The runbook's order counters. Every order counted in <c>received</c> lands in exactly one of <c>successful</c>,
/// <c>rejected{reason}</c>, <c>idempotency_replayed</c>, <c>failed</c> or <c>validation_failed</c>; <c>sold_out</c> is
/// <c>rejected{reason="sold_out"}</c> under the runbook's own name. Label children are made once, so counting an order
/// allocates nothing.
/// </summary>
public sealed class OrderMetrics
{
    private readonly Counter _rejected;
    private readonly FrozenDictionary<string, Counter.Child> _rejectedBy;

    public OrderMetrics(CollectorRegistry registry)
    {
        var metrics = MetricFactories.WithoutExemplars(registry);
        Received = metrics.CreateCounter("flashsale_orders_received_total", "Orders that reached the command path or failed validation.");
        Successful = metrics.CreateCounter("flashsale_orders_successful_total", "Orders reserved (first answers; repeats are replays).");
        Failed = metrics.CreateCounter("flashsale_orders_failed_total",
            "Orders that could not be decided: event store down or timing out, item contended, breaker open, shutting down.");
        ValidationFailed = metrics.CreateCounter("flashsale_orders_validation_failed_total", "Orders refused with 400 for their fields.");
        Replayed = metrics.CreateCounter("flashsale_orders_idempotency_replayed_total", "Repeated order ids answered from the log.");
        SoldOut = metrics.CreateCounter("flashsale_orders_sold_out_total", "Orders rejected because the item was sold out.");
        _rejected = metrics.CreateCounter("flashsale_orders_rejected_total", "Orders rejected, by reason (the problem code).", ["reason"]);
        _rejectedBy = new[] { RejectionReasons.SoldOut, RejectionReasons.PerUserLimit, RejectionReasons.SaleNotActive,
                DomainErrors.ItemNotFound, DomainErrors.OrderIdReused }
            .ToFrozenDictionary(r => r, r => _rejected.WithLabels(r), StringComparer.Ordinal);
        Processing = metrics.CreateHistogram("flashsale_order_processing_duration_seconds",
            "Time from the command path taking an order to its durable answer (queue + decide + append).",
            new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.0005, 2, 16), ExemplarBehavior = MetricFactories.TraceExemplars });
        PaymentsConfirmed = metrics.CreateCounter("flashsale_payments_confirmed_total", "Payments recorded (callback or processor).");
        PaymentsTimedOut = metrics.CreateCounter("flashsale_payments_timed_out_total", "Reservations released because payment timed out.");
        MovedToDeadLetters = metrics.CreateCounter("flashsale_orders_moved_to_dlq_total",
            "Orders that became dead letters (their payment timed out; operators retry or discard them).");
    }

    public Counter Received { get; }
    public Counter Successful { get; }
    public Counter Failed { get; }
    public Counter ValidationFailed { get; }
    public Counter Replayed { get; }
    public Counter SoldOut { get; }
    public Histogram Processing { get; }
    public Counter PaymentsConfirmed { get; }
    public Counter PaymentsTimedOut { get; }
    public Counter MovedToDeadLetters { get; }

    public void Rejected(string reason)
    {
        (_rejectedBy.TryGetValue(reason, out var child) ? child : _rejected.WithLabels(reason)).Inc();
        if (reason == RejectionReasons.SoldOut) SoldOut.Inc();
    }
}
