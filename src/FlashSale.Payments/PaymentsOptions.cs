namespace FlashSale.Payments;

public sealed class PaymentsOptions
{
    public const string Section = "Payments";

    /// <summary>Run the payment processor and the deadline sweeper in this process.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Charge reservations through the gateway. When false only the provider callback and the sweeper settle them.</summary>
    public bool ProcessorEnabled { get; set; } = true;

    /// <summary>Share of simulated charges that time out (0..1). The original runbook's figure is 10%.</summary>
    public double TimeoutRate { get; set; } = 0.10;

    /// <summary>Seed of the simulated gateway: the same seed gives every order the same fate.</summary>
    public int Seed { get; set; } = 42;

    /// <summary>Share of the simulated charges that time out whose money moved all the same (0..1); the status query tells.</summary>
    public double TimedOutChargedRate { get; set; }

    public int GatewayLatencyMs { get; set; } = 20;

    /// <summary>How long a charge (or a status query) may take before its outcome counts as unknown.</summary>
    public double GatewayTimeoutSeconds { get; set; } = 5;

    /// <summary>A reservation closing sooner than this is released instead of charged: the gateway must be able to
    /// answer inside the window. Above <see cref="GatewayTimeoutSeconds"/>.</summary>
    public double ChargeMarginSeconds { get; set; } = 8;

    /// <summary>How long the processor lease lasts after each renewal; a standby takes over only once it has expired.</summary>
    public double LeaseSeconds { get; set; } = 15;

    /// <summary>How often the holder renews the lease (and a standby looks whether it has expired).</summary>
    public double LeaseRenewSeconds { get; set; } = 3;

    /// <summary>This process's name in the lease; a generated one (machine, process id, random) when unset.</summary>
    public string? InstanceId { get; set; }

    public int Concurrency { get; set; } = 16;

    public double SweepIntervalSeconds { get; set; } = 1;

    /// <summary>Shared secret the payment provider signs its callbacks with (HMAC-SHA256). Required outside Development;
    /// in Development an unset secret is generated per run and logged.</summary>
    public string? CallbackSecret { get; set; }

    /// <summary>How far a callback's signed timestamp may be from now, either way, before it counts as a replay.</summary>
    public int CallbackToleranceSeconds { get; set; } = 300;
}
