namespace FlashSale.ReadModels.Running;

/// <summary>The projector role: which process runs the live projections (<c>Projector:*</c>).</summary>
public sealed class ProjectorOptions
{
    public const string Section = "Projector";

    /// <summary>How long the projector lease in the event store lasts after each renewal (a shared read store); a standby
    /// takes over once it has expired. 0: no standby, this process is the only projector of its read store (an embedded
    /// one only: a second projector on its data directory refuses to start).</summary>
    public double LeaseSeconds { get; set; } = 10;

    /// <summary>How often the holder renews the lease (and a standby looks whether it has expired or, for an embedded read
    /// store, whether the lock file is free).</summary>
    public double LeaseRenewSeconds { get; set; } = 2;

    /// <summary>This process's name in the lease; a generated one (machine, process id, random) when unset.</summary>
    public string? InstanceId { get; set; }

    public bool UsesLease => LeaseSeconds > 0;
}
