using System.Text.Json;
using FlashSale.Api.Logging;
using FlashSale.EventStore.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FlashSale.Api.Tests.Logging;

public sealed class JsonLogFormatterTests
{
    private readonly JsonLogFormatter _formatter = new("api+payments");

    [Fact]
    public void a_line_outside_any_scope_names_its_service_and_event_at_the_top()
    {
        var line = Write("FlashSale.Payments.PaymentsWorker", new EventId(7, LogEvents.PaymentsCaughtUp), Values(("Count", 3)), scopes: null);

        (line.Str("service"), line.Str("event"), line.Str("LogLevel"), line.Str("Message")).ShouldBe(
            ("api+payments", "payments_caught_up", "Information", "message"));
        line.GetProperty("State").GetProperty("Count").GetInt32().ShouldBe(3);
    }

    [Fact]
    public void the_order_fields_come_from_the_scopes_and_the_lines_own_values_the_nearest_winning()
    {
        var scopes = new LoggerExternalScopeProvider();
        using (scopes.Push(LogScope.Of((LogFields.Service, "api+payments"), (LogFields.CorrelationId, "request-1"))))
        using (scopes.Push(LogScope.ForOrder("trace-7", "sku-1", null)))
        {
            var line = Write("FlashSale.OrderLines", new EventId(1, LogEvents.OrderReserved),
                Values(("OrderId", "o-1"), ("ProcessingTimeMs", 1.25)), scopes);

            (line.Str("correlation_id"), line.Str("item_id"), line.Str("order_id")).ShouldBe(("trace-7", "sku-1", "o-1"));
            line.GetProperty("processing_time_ms").GetDouble().ShouldBe(1.25);
            line.GetProperty("Scopes").GetArrayLength().ShouldBe(2);
        }
    }

    [Fact]
    public void framework_lines_carry_the_service_but_no_event_of_ours()
    {
        var line = Write("Microsoft.Hosting.Lifetime", new EventId(14, "ListeningOnAddress"), Values(), scopes: null);

        line.Str("service").ShouldBe("api+payments");
        line.TryGetProperty("event", out _).ShouldBeFalse();
    }

    private JsonElement Write(string category, EventId eventId, IReadOnlyList<KeyValuePair<string, object?>> state, IExternalScopeProvider? scopes)
    {
        using var text = new StringWriter();
        _formatter.Write(new LogEntry<IReadOnlyList<KeyValuePair<string, object?>>>(LogLevel.Information, category, eventId, state, null,
            (_, _) => "message"), scopes, text);
        var written = text.ToString();
        written.TrimEnd().ShouldNotContain('\n');
        return JsonDocument.Parse(written).RootElement.Clone();
    }

    private static IReadOnlyList<KeyValuePair<string, object?>> Values(params (string Key, object? Value)[] values) =>
        [.. values.Select(v => new KeyValuePair<string, object?>(v.Key, v.Value))];
}

internal static class JsonLines
{
    public static string? Str(this JsonElement line, string name) => line.TryGetProperty(name, out var value) ? value.GetString() : null;
}
