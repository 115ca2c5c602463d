using FlashSale.Payments.Callbacks;
using FlashSale.Payments.Lease;
using FlashSale.Payments.Processing;
using FlashSale.Subscriptions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace FlashSale.Payments;

public static class PaymentsServices
{
    /// <param name="run">Whether this process has the payments role: the processor and sweeper run only there (and
    /// <c>Payments:Enabled</c> says so), everywhere else payments are off.</param>
    public static IServiceCollection AddFlashSalePayments(this IServiceCollection services, IConfiguration configuration, bool run = true)
    {
        services.AddOptions<PaymentsOptions>().Bind(configuration.GetSection(PaymentsOptions.Section))
            .Validate(o => o.TimeoutRate is >= 0 and <= 1, "Payments:TimeoutRate must be between 0 and 1.")
            .Validate(o => o.Concurrency is >= 1 and <= 1024, "Payments:Concurrency must be between 1 and 1024.")
            .Validate(o => o.GatewayLatencyMs is >= 0 and <= 60_000, "Payments:GatewayLatencyMs must be between 0 and 60000.")
            .Validate(o => o.TimedOutChargedRate is >= 0 and <= 1, "Payments:TimedOutChargedRate must be between 0 and 1.")
            .Validate(o => o.GatewayTimeoutSeconds is > 0 and <= 300, "Payments:GatewayTimeoutSeconds must be above 0 and at most 300.")
            .Validate(o => o.ChargeMarginSeconds > o.GatewayTimeoutSeconds && o.ChargeMarginSeconds <= 3600,
                "Payments:ChargeMarginSeconds must be above Payments:GatewayTimeoutSeconds (the gateway must answer inside the window) and at most 3600.")
            .Validate(o => o.LeaseRenewSeconds > 0 && o.LeaseRenewSeconds + o.GatewayTimeoutSeconds < o.LeaseSeconds && o.LeaseSeconds <= 3600,
                "Payments:LeaseSeconds must exceed Payments:LeaseRenewSeconds + Payments:GatewayTimeoutSeconds (a renewed lease must outlast a charge) and be at most 3600; Payments:LeaseRenewSeconds must be above 0.")
            .Validate(o => o.InstanceId is null || o.InstanceId.Length is >= 1 and <= 200, "Payments:InstanceId must be 1-200 characters.")
            .Validate(o => o.SweepIntervalSeconds is > 0 and <= 3600, "Payments:SweepIntervalSeconds must be above 0 and at most 3600.")
            .Validate(o => o.CallbackToleranceSeconds is >= 1 and <= 86_400, "Payments:CallbackToleranceSeconds must be between 1 and 86400.")
            .Validate(o => string.IsNullOrEmpty(o.CallbackSecret) || o.CallbackSecret.Length >= 32,
                "Payments:CallbackSecret must be at least 32 characters (e.g. openssl rand -hex 32).")
            .ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<PaymentsOptions>>().Value);
        services.AddSingleton<PendingReservations>();
        services.AddSingleton<CallbackSecret>();
        services.AddSingleton<CallbackSigner>();
        services.AddSingleton<ProcessorLease>();
        services.AddSingleton<PaymentSettlement>();
        services.AddSingleton<PaymentProcessor>();
        services.AddSingleton<DeadlineSweeper>();
        services.AddLogFollowers();
        services.TryAddSingleton<IPaymentGateway, SimulatedPaymentGateway>();
        if (!run) services.PostConfigure<PaymentsOptions>(o => o.Enabled = false);
        else if (configuration.GetSection(PaymentsOptions.Section).GetValue(nameof(PaymentsOptions.Enabled), true))
            services.AddHostedService<PaymentsWorker>();
        return services;
    }
}
