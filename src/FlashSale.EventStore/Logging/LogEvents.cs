namespace FlashSale.EventStore.Logging;

/// <summary>
/// The stable <c>event</c> name of every log line the system writes (the EventId name of its logging methods), in one
/// place so that a rename is a visible, reviewed change: dashboards and alerts select on these. Kept in the port
/// because it is the one project every project that logs may reference (the adapters see only the port).
/// </summary>
public static class LogEvents
{
    /// <summary>The category of the optional per-order lines, on only with <c>Logging:OrderLines=true</c>.</summary>
    public const string OrderLinesCategory = "FlashSale.OrderLines";

    // Start-up
    public const string EventStoreOpened = "event_store_opened";
    public const string ReadStoreOpened = "read_store_opened";
    public const string OperatorKeyGenerated = "operator_key_generated";
    public const string OperatorKeysAccepted = "operator_keys_accepted";
    public const string CallbackSecretGenerated = "callback_secret_generated";
    public const string DataDirectory = "data_directory";
    public const string SnapshotTablesMissing = "snapshot_tables_missing";
    public const string SnapshotTablesFound = "snapshot_tables_found";

    // Operators
    public const string OperatorPreviousKeyUsed = "operator_previous_key_used";

    // Shutdown
    public const string ShutdownStarted = "shutdown_started";
    public const string ShutdownDrained = "shutdown_drained";
    public const string ShutdownDrainTimedOut = "shutdown_drain_timed_out";

    // Orders (per-order lines)
    public const string OrderReserved = "order_reserved";
    public const string OrderRejected = "order_rejected";
    public const string OrderReplayed = "order_replayed";
    public const string OrderInvalid = "order_invalid";
    public const string OrderFailed = "order_failed";
    public const string OrderProjected = "order_projected";

    // Command path
    public const string AppendFailed = "append_failed";
    public const string AppendSplit = "append_split";
    public const string AppendTooLarge = "append_too_large";
    public const string AppendConflict = "append_conflict";
    public const string WriterStopped = "writer_stopped";
    public const string ItemLoaded = "item_loaded";
    public const string EventUnreadable = "event_unreadable";
    public const string EventTypeUnknown = "event_type_unknown";
    public const string EventSkipped = "event_skipped";
    public const string OrderIndexLoaded = "order_index_loaded";
    public const string OrderIndexRestored = "order_index_restored";
    public const string OrderIndexNotRestored = "order_index_not_restored";
    public const string BreakerOpened = "breaker_opened";
    public const string BreakerHalfOpen = "breaker_half_open";
    public const string BreakerClosed = "breaker_closed";
    public const string SnapshotNotUsed = "snapshot_not_used";
    public const string SnapshotTruncateFailed = "snapshot_truncate_failed";

    // Payments
    public const string PaymentChargeStarted = "payment_charge_started";
    public const string PaymentConfirmed = "payment_confirmed";
    public const string PaymentTimedOut = "payment_timed_out";
    public const string PaymentTooLate = "payment_too_late";
    public const string PaymentAlreadySettled = "payment_already_settled";
    public const string PaymentOutcomeUnknown = "payment_outcome_unknown";
    public const string PaymentStatusUnknown = "payment_status_unknown";
    public const string PaymentConfirmationUnsigned = "payment_confirmation_unsigned";
    public const string PaymentChargeFailed = "payment_charge_failed";
    public const string PaymentTimeoutFailed = "payment_timeout_failed";
    public const string RefundRequired = "refund_required";
    public const string PaymentsEventUnreadable = "payments_event_unreadable";
    public const string PaymentsCaughtUp = "payments_caught_up";
    public const string PaymentsActive = "payments_active";
    public const string PaymentsRestored = "payments_restored";
    public const string PaymentsNotRestored = "payments_not_restored";
    public const string LeaseAcquired = "lease_acquired";
    public const string LeaseRenewFailed = "lease_renew_failed";
    public const string LeaseLost = "lease_lost";
    public const string LeaseReleased = "lease_released";
    public const string LeaseReleaseFailed = "lease_release_failed";
    public const string LeasedWorkStarted = "leased_work_started";
    public const string LeasedWorkFailed = "leased_work_failed";
    public const string ProjectorLockTakenOver = "projector_lock_taken_over";

    // Projections
    public const string ProjectionCaughtUp = "projection_caught_up";
    public const string ProjectionPoisonEvent = "projection_poison_event";
    public const string ProjectionBatchFailed = "projection_batch_failed";
    public const string ProjectionStateNotRecorded = "projection_state_not_recorded";
    public const string ProjectionRebuildStarted = "projection_rebuild_started";
    public const string ProjectionRebuildProgress = "projection_rebuild_progress";
    public const string ProjectionRebuilt = "projection_rebuilt";
    public const string ProjectionRebuildFailed = "projection_rebuild_failed";
    public const string ProjectionShadowNotDropped = "projection_shadow_not_dropped";
    public const string ProjectionCheckpointNotOnLog = "projection_checkpoint_not_on_log";
    public const string RebuildClaimReleaseFailed = "rebuild_claim_release_failed";
    public const string RebuildClaimRenewFailed = "rebuild_claim_renew_failed";

    // Following the log
    public const string FollowerSubscribed = "follower_subscribed";
    public const string FollowerResubscribing = "follower_resubscribing";
    public const string FollowerFailed = "follower_failed";
    public const string FollowerDropped = "follower_dropped";
    public const string FollowerHandlerFailed = "follower_handler_failed";
    public const string StoreSubscribed = "store_subscribed";
    public const string StoreSubscriptionState = "store_subscription_state";
    public const string StoreSubscriptionDropped = "store_subscription_dropped";

    // Metrics
    public const string MetricsRefreshFailed = "metrics_refresh_failed";

    /// <summary>Every name above, for the test that pins them.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        EventStoreOpened, ReadStoreOpened, OperatorKeyGenerated, OperatorKeysAccepted, CallbackSecretGenerated, DataDirectory,
        SnapshotTablesMissing, SnapshotTablesFound,
        OperatorPreviousKeyUsed,
        ShutdownStarted, ShutdownDrained, ShutdownDrainTimedOut,
        OrderReserved, OrderRejected, OrderReplayed, OrderInvalid, OrderFailed, OrderProjected,
        AppendFailed, AppendSplit, AppendTooLarge, AppendConflict, WriterStopped, ItemLoaded, EventUnreadable, EventTypeUnknown, EventSkipped,
        OrderIndexLoaded, OrderIndexRestored, OrderIndexNotRestored, BreakerOpened, BreakerHalfOpen, BreakerClosed,
        SnapshotNotUsed,
        SnapshotTruncateFailed,
        PaymentChargeStarted, PaymentConfirmed, PaymentTimedOut, PaymentTooLate, PaymentAlreadySettled, PaymentOutcomeUnknown,
        PaymentStatusUnknown, PaymentConfirmationUnsigned, PaymentChargeFailed, PaymentTimeoutFailed, RefundRequired,
        PaymentsEventUnreadable, PaymentsCaughtUp, PaymentsActive, PaymentsRestored, PaymentsNotRestored,
        LeaseAcquired, LeaseRenewFailed, LeaseLost, LeaseReleased, LeaseReleaseFailed, LeasedWorkStarted, LeasedWorkFailed,
        ProjectorLockTakenOver,
        ProjectionCaughtUp, ProjectionPoisonEvent, ProjectionBatchFailed, ProjectionStateNotRecorded, ProjectionRebuildStarted,
        ProjectionRebuildProgress, ProjectionRebuilt, ProjectionRebuildFailed, ProjectionShadowNotDropped,
        ProjectionCheckpointNotOnLog, RebuildClaimReleaseFailed, RebuildClaimRenewFailed,
        FollowerSubscribed, FollowerResubscribing, FollowerFailed, FollowerDropped, FollowerHandlerFailed,
        StoreSubscribed, StoreSubscriptionState, StoreSubscriptionDropped,
        MetricsRefreshFailed,
    ];
}
