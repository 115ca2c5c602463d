using FlashSale.Api.Metrics;
using Prometheus;

namespace FlashSale.Api.Operators;

/// <summary>
/// <c>flashsale_operator_requests_total{key="current"|"previous"}</c>, and a log line for every request that still uses
/// the previous key: during a rotation, the previous key's counter standing still says every client has moved.
/// </summary>
public sealed class OperatorKeyUses
{
    private readonly Counter.Child _current;
    private readonly Counter.Child _previous;
    private readonly ILogger<OperatorKeyUses> _logger;

    public OperatorKeyUses(CollectorRegistry registry, ILogger<OperatorKeyUses> logger)
    {
        var counter = MetricFactories.WithoutExemplars(registry).CreateCounter("flashsale_operator_requests_total",
            "Requests authenticated with an operator key, by which configured key: current (Operators:ApiKey) or previous (Operators:PreviousApiKey).",
            new CounterConfiguration { LabelNames = ["key"] });
        (_current, _previous, _logger) = (counter.WithLabels("current"), counter.WithLabels("previous"), logger);
    }

    public void Record(OperatorKeyMatch match, HttpRequest request)
    {
        if (match == OperatorKeyMatch.Current) _current.Inc();
        if (match != OperatorKeyMatch.Previous) return;
        _previous.Inc();
        _logger.OperatorPreviousKeyUsed(request.Method, request.Path.Value ?? "/",
            request.HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown");
    }
}
