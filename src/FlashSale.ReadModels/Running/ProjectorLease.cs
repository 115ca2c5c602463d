using FlashSale.EventStore;
using FlashSale.Subscriptions.Leases;
using Microsoft.Extensions.Logging;

namespace FlashSale.ReadModels.Running;

/// <summary>The projector role's lease: one process applies the log to a read store at a time, the others stand by.</summary>
public sealed class ProjectorLease(IEventStore store, ProjectorOptions options, TimeProvider clock, ILogger<ProjectorLease> logger)
    : RoleLease(store, options.LeaseStream ?? DefaultStream, "Projector", TimeSpan.FromSeconds(options.LeaseSeconds), options.InstanceId, clock, logger)
{
    public static readonly string DefaultStream = LeaseEvents.StreamOf("projector");
}
