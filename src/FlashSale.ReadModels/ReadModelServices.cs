using FlashSale.Contracts;
using FlashSale.Projections;
using FlashSale.ReadModels.Audit;
using FlashSale.ReadModels.Queries;
using FlashSale.ReadModels.Rebuilding;
using FlashSale.ReadModels.Running;
using FlashSale.Subscriptions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FlashSale.ReadModels;

public static class ReadModelServices
{
    /// <summary>
    /// Projections, their runners (a hosted service, when <paramref name="runProjections"/>), rebuild, status, queries
    /// and audit. Needs an <see cref="Storage.IReadModelStore"/> and an event store registered.
    /// </summary>
    public static IServiceCollection AddFlashSaleReadSide(this IServiceCollection services, IConfiguration configuration, bool runProjections = true)
    {
        services.AddOptions<ReadModelOptions>().Bind(configuration.GetSection(ReadModelOptions.Section))
            .Validate(o => o.BatchSize is >= 1 and <= 100_000, "ReadModels:BatchSize must be between 1 and 100000.")
            .Validate(o => o.RebuildBatchSize is >= 1 and <= 100_000, "ReadModels:RebuildBatchSize must be between 1 and 100000.")
            .Validate(o => o.MinPositionWaitMs is >= 0 and <= 60_000, "ReadModels:MinPositionWaitMs must be between 0 and 60000.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IReadOnlyList<IProjection>>(_ => AllProjections.Create());
        services.AddSingleton<ProjectionProgress>();
        services.AddLogFollowers();
        services.AddSingleton(sp => sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<ReadModelOptions>>().Value);
        services.AddSingleton<RebuildClaims>();
        services.AddSingleton<ProjectionRebuilder>();
        services.AddSingleton<ProjectionCatchUp>();
        services.AddSingleton<RebuildCoordinator>();
        services.AddSingleton<ProjectionStatusQuery>();
        services.AddSingleton<ReadYourWrites>();
        services.AddSingleton<ReadModelQueries>();
        services.AddSingleton(sp => new OrderLocator(sp.GetRequiredService<ReadModelQueries>(), sp.GetService<IOrderItemLookup>()));
        services.AddSingleton<AuditTrail>();
        services.AddSingleton<HistoryQuery>();
        services.AddSingleton<ReplayVerifier>();
        services.AddSingleton<LogExport>();
        if (runProjections) AddProjector(services, configuration);
        return services;
    }

    /// <summary>The projection host: under the host's <see cref="IProjectorLease"/> when it registers one, alone otherwise.</summary>
    private static void AddProjector(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ProjectorOptions>().Bind(configuration.GetSection(ProjectorOptions.Section))
            .Validate(o => o.LeaseSeconds == 0 || (o.LeaseRenewSeconds > 0 && o.LeaseRenewSeconds < o.LeaseSeconds && o.LeaseSeconds <= 3600),
                "Projector:LeaseSeconds must be 0 (no lease) or exceed Projector:LeaseRenewSeconds (above 0) and be at most 3600.")
            .Validate(o => o.LeaseSeconds >= 0, "Projector:LeaseSeconds must be 0 or more.")
            .Validate(o => o.InstanceId is null || o.InstanceId.Length is >= 1 and <= 200, "Projector:InstanceId must be 1-200 characters.")
            .ValidateOnStart();
        // The read models and the state processes start from (order index, pending reservations) follow the log together.
        services.AddHostedService(sp => ActivatorUtilities.CreateInstance<ProjectionHost>(sp,
            (IReadOnlyList<IProjection>)[.. sp.GetRequiredService<IReadOnlyList<IProjection>>(), .. StartupProjections.Create()]));
    }
}
