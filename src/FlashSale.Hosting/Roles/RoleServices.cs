using FlashSale.ReadModels;
using FlashSale.ReadModels.Running;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FlashSale.Hosting.Roles;

public static class RoleServices
{
    /// <summary>
    /// This process's <see cref="ProcessRoles"/> and what follows from them on the read side: projections run only with the
    /// projector role, under the projector lease — the data directory's <see cref="ProjectorLock"/> for an embedded read
    /// store (its processes share one machine), <c>lease-projector</c> in the event store for a shared one — or, with
    /// <c>Projector:LeaseSeconds=0</c>, alone (the lock taken at start, a second projector refused).
    /// </summary>
    public static ProcessRoles AddProcessRoles(this IServiceCollection services, IConfiguration configuration)
    {
        var roles = ProcessRoles.From(configuration);
        services.AddSingleton(roles);
        if (!roles.Has(ProcessRole.Projector)) services.PostConfigure<ReadModelOptions>(o => o.RunProjections = false);
        services.AddSingleton(sp => new ProjectorLock(sp.GetRequiredService<IOptions<StorageOptions>>().Value.DataDirectory));
        var standby = configuration.GetSection(ProjectorOptions.Section).GetValue(nameof(ProjectorOptions.LeaseSeconds), 10.0) != 0;
        if (!standby) return roles;
        var embedded = (configuration[$"{ReadStoreOptions.Section}:{nameof(ReadStoreOptions.Provider)}"] ?? ReadStoreProviders.Sqlite) == ReadStoreProviders.Sqlite;
        services.AddSingleton<IProjectorLease>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<ProjectorOptions>>().Value;
            return embedded
                ? new ProjectorFileLease(sp.GetRequiredService<ProjectorLock>(), options, sp.GetRequiredService<TimeProvider>())
                : ActivatorUtilities.CreateInstance<ProjectorLease>(sp, options);
        });
        return roles;
    }

    /// <summary>Whether this process must take the <see cref="ProjectorLock"/> before it starts: it projects into an
    /// embedded read store alone (<c>Projector:LeaseSeconds=0</c>).</summary>
    public static bool NeedsProjectorLock(IServiceProvider services) =>
        services.GetRequiredService<IOptions<ReadModelOptions>>().Value.RunProjections
        && !services.GetRequiredService<IOptions<ProjectorOptions>>().Value.UsesLease
        && services.GetRequiredService<IOptions<ReadStoreOptions>>().Value.Provider == ReadStoreProviders.Sqlite;
}
