using FlashSale.Contracts;
using FlashSale.EventStore;
using FlashSale.Application.CommandPath;
using FlashSale.Application.CommandPath.Resilience;
using FlashSale.Application.Validation;
using FlashSale.Subscriptions;
using FlashSale.Subscriptions.Checkpoints;
using FluentValidation;
using Mediator;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace FlashSale.Application;

public static class ApplicationServices
{
    /// <summary>The write side: command path (per-item group-commit writers), use cases, validation, order index.</summary>
    /// <param name="followOrders">Load the order index from the log and follow it (what calls naming only an order need:
    /// the HTTP API); a process that only settles payments names every item itself.</param>
    public static IServiceCollection AddFlashSaleWriteSide(this IServiceCollection services, IConfiguration configuration, bool followOrders = true)
    {
        services.AddOptions<CommandPathOptions>().Bind(configuration.GetSection(CommandPathOptions.Section))
            .PostConfigure(o => o.MaxBatchSize = o.GroupCommit ? o.MaxBatchSize : 1)
            .Validate(o => o.MaxBatchSize is >= 1 and <= 10_000, "CommandPath:MaxBatchSize must be between 1 and 10000.")
            .Validate(o => o.MaxConflictRetries is >= 1 and <= 1000, "CommandPath:MaxConflictRetries must be between 1 and 1000.")
            .Validate(o => o.MaxBatchBytes is >= 1024 and <= 64 * 1024 * 1024, "CommandPath:MaxBatchBytes must be between 1024 and 67108864.")
            .Validate(o => o.MaxQueueLength is >= 1 and <= 10_000_000, "CommandPath:MaxQueueLength must be between 1 and 10000000.")
            .Validate(o => o.SnapshotEvery is >= 0 and <= 100_000_000, "CommandPath:SnapshotEvery must be between 0 (off) and 100000000.")
            .ValidateOnStart();
        services.AddOptions<SalesOptions>().Bind(configuration.GetSection(SalesOptions.Section))
            .Validate(o => o.DefaultPaymentWindowSeconds is >= 1 and <= 7 * 24 * 3600,
                "Sales:DefaultPaymentWindowSeconds must be between 1 and 604800.")
            .ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<SalesOptions>>().Value);
        services.AddOptions<RestartOptions>().Bind(configuration.GetSection(RestartOptions.Section))
            .Validate(o => o.IndexWaitSeconds is >= 0 and <= 60, "Restart:IndexWaitSeconds must be between 0 and 60.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<OrderIndex>();
        services.AddSingleton<LogAnomalies>();
        services.AddSingleton<IOrderItemLookup>(sp => sp.GetRequiredService<OrderIndex>());
        services.AddCommandPathCircuitBreaker(configuration);
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<ItemCommandPath>(sp, (IEventStore)sp.GetRequiredService<BreakingEventStore>()));
        services.AddLogFollowers();
        if (followOrders) services.AddHostedService<OrderIndexFeeder>();

        services.AddValidatorsFromAssemblyContaining<ValidationBehaviorMarker>(ServiceLifetime.Singleton);
        services.AddMediator(options =>
        {
            options.ServiceLifetime = ServiceLifetime.Singleton;
            options.PipelineBehaviors = [typeof(ValidationBehavior<,>)];
        });
        return services;
    }

    private sealed class ValidationBehaviorMarker;
}
