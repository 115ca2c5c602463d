using FlashSale.EventStore;
using FlashSale.Subscriptions.Leases;
using Microsoft.Extensions.Logging;

namespace FlashSale.Payments.Lease;

/// <summary>
/// The payments role's lease (<see cref="LeaseStream.Name"/>): exactly one payments processor charges at a time across
/// processes. A charge starts only when the lease outlasts it (<see cref="RoleLease.IsHeldFor"/>).
/// </summary>
public sealed class ProcessorLease(IEventStore store, PaymentsOptions options, TimeProvider clock, ILogger<ProcessorLease> logger)
    : RoleLease(store, LeaseStream.Name, "Payments", TimeSpan.FromSeconds(options.LeaseSeconds), options.InstanceId, clock, logger);
