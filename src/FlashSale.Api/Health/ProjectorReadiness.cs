using FlashSale.ReadModels;
using FlashSale.ReadModels.Running;
using Microsoft.Extensions.Options;

namespace FlashSale.Api.Health;

/// <summary>The <c>projector</c> of <c>/health/ready</c>: <c>leader</c> (this process applies the log to the read models:
/// it holds the projector lease (the lock file of an embedded read store, lease-projector in the event store for a shared one), or runs alone, <c>Projector:LeaseSeconds=0</c>), <c>standby</c> (it waits for the
/// lease) or <c>off</c> (no projector role, or <c>ReadModels:RunProjections=false</c>).</summary>
public static class ProjectorReadiness
{
    public static string Of(IServiceProvider services) =>
        !services.GetRequiredService<IOptions<ReadModelOptions>>().Value.RunProjections ? "off"
        : services.GetService<IProjectorLease>() is not { } lease ? "leader"
        : lease.IsHeld ? "leader" : "standby";
}
