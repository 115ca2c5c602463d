using System.Reflection;
using System.Text.RegularExpressions;
using FlashSale.EventStore.Logging;
using Microsoft.Extensions.Logging;

namespace FlashSale.Api.Tests.Logging;

/// <summary>The <c>event</c> names are a contract with dashboards and alerts: a rename must show up here.</summary>
public sealed partial class LogEventNamesTests
{
    private static readonly string[] Pinned =
    [
        "event_store_opened", "read_store_opened", "operator_key_generated", "operator_keys_accepted", "callback_secret_generated",
        "data_directory",
        "snapshot_tables_missing", "snapshot_tables_found",
        "operator_previous_key_used",
        "shutdown_started", "shutdown_drained", "shutdown_drain_timed_out",
        "order_reserved", "order_rejected", "order_replayed", "order_invalid", "order_failed", "order_projected",
        "append_failed", "append_split", "append_too_large", "append_conflict", "writer_stopped", "item_loaded", "event_unreadable", "event_type_unknown",
        "event_skipped", "order_index_loaded", "order_index_restored", "order_index_not_restored", "breaker_opened", "breaker_half_open",
        "breaker_closed",
        "snapshot_not_used",
        "snapshot_truncate_failed",
        "payment_charge_started", "payment_confirmed", "payment_timed_out", "payment_too_late", "payment_already_settled",
        "payment_outcome_unknown", "payment_status_unknown", "payment_confirmation_unsigned", "payment_charge_failed",
        "payment_timeout_failed", "refund_required", "payments_event_unreadable", "payments_caught_up", "payments_active",
        "payments_restored", "payments_not_restored",
        "lease_acquired", "lease_renew_failed", "lease_lost", "lease_released", "lease_release_failed", "leased_work_started",
        "leased_work_failed", "projector_lock_taken_over",
        "projection_caught_up", "projection_poison_event", "projection_batch_failed", "projection_state_not_recorded",
        "projection_rebuild_started", "projection_rebuild_progress", "projection_rebuilt", "projection_rebuild_failed",
        "projection_shadow_not_dropped", "projection_checkpoint_not_on_log", "rebuild_claim_release_failed", "rebuild_claim_renew_failed",
        "follower_subscribed", "follower_resubscribing", "follower_failed", "follower_dropped", "follower_handler_failed",
        "store_subscribed", "store_subscription_state", "store_subscription_dropped",
        "metrics_refresh_failed",
    ];

    private static readonly string[] LoggingAssemblies =
    [
        "FlashSale.Api", "FlashSale.Application", "FlashSale.Payments", "FlashSale.ReadModels", "FlashSale.Subscriptions",
        "FlashSale.Hosting", "FlashSale.EventStore.EventStoreDb",
    ];

    [Fact]
    public void the_event_names_are_the_pinned_snake_case_names()
    {
        LogEvents.All.ShouldBe(Pinned);
        LogEvents.All.ShouldBeUnique();
        LogEvents.All.Where(name => !SnakeCase().IsMatch(name)).ShouldBeEmpty();
    }

    [Fact]
    public void every_logging_method_of_the_system_names_one_of_them()
    {
        var methods = LoggingAssemblies.Select(Assembly.Load)
            .SelectMany(assembly => assembly.GetTypes())
            .SelectMany(type => type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Select(method => (Method: $"{method.DeclaringType!.Name}.{method.Name}", Attribute: method.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(m => m.Attribute is not null)
            .ToList();

        methods.Count.ShouldBeGreaterThan(40);
        methods.Where(m => !LogEvents.All.Contains(m.Attribute!.EventName)).Select(m => m.Method).ShouldBeEmpty();
    }

    [Fact]
    public void no_source_file_logs_around_the_named_methods()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "FlashSale.EventSourced.sln"))) root = root.Parent!;
        var unnamed = new[] { "src", "projections" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(root.FullName, folder), "*.cs", SearchOption.AllDirectories))
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(path => File.ReadLines(path).Select((line, i) => (path, line, i)))
            .Where(l => DirectLogCall().IsMatch(l.line))
            .Select(l => $"{Path.GetRelativePath(root.FullName, l.path)}:{l.i + 1}: {l.line.Trim()}");
        unnamed.ShouldBeEmpty();
    }

    [GeneratedRegex(@"\.Log(Trace|Debug|Information|Warning|Error|Critical)?\(")]
    private static partial Regex DirectLogCall();

    [GeneratedRegex("^[a-z]+(_[a-z]+)*$")]
    private static partial Regex SnakeCase();
}
