using FlashSale.EventStore;
using FlashSale.Subscriptions.Leases;
using Microsoft.Extensions.Logging;

namespace FlashSale.ReadModels.Running;

/// <summary>The projector role's lease: one process applies the log to a read store at a time, the others stand by. The
/// host chooses how it is held (<see cref="ProjectorLease"/> in the event store for a shared read store, a file lock for
/// an embedded one).</summary>
public interface IProjectorLease : IRoleLease;

/// <summary>The projector lease in the event store (<c>lease-projector</c>), for a read store that processes on several
/// machines share (PostgreSQL).</summary>
public sealed class ProjectorLease(IEventStore store, ProjectorOptions options, TimeProvider clock, ILogger<ProjectorLease> logger)
    : RoleLease(store, StreamName, "Projector", TimeSpan.FromSeconds(options.LeaseSeconds), options.InstanceId, clock, logger), IProjectorLease
{
    public static readonly string StreamName = LeaseEvents.StreamOf("projector");
}
