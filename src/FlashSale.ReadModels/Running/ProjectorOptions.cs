namespace FlashSale.ReadModels.Running;

/// <summary>The projector role: which process runs the live projections (<c>Projector:*</c>).</summary>
public sealed class ProjectorOptions
{
    public const string Section = "Projector";

    /// <summary>How long the projector lease lasts after each renewal; a standby takes over once it has expired. 0: no
    /// lease, this process is the only projector of its read store (an embedded one only; the data directory lock makes
    /// sure).</summary>
    public double LeaseSeconds { get; set; } = 10;

    /// <summary>How often the holder renews the lease (and a standby looks whether it has expired).</summary>
    public double LeaseRenewSeconds { get; set; } = 2;

    /// <summary>This process's name in the lease; a generated one (machine, process id, random) when unset.</summary>
    public string? InstanceId { get; set; }

    /// <summary>The lease's stream; the host names it after the read store the projector writes (one lease per read store).</summary>
    public string? LeaseStream { get; set; }

    public bool UsesLease => LeaseSeconds > 0;
}
