using FlashSale.ReadModels;
using FlashSale.ReadModels.Running;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FlashSale.Hosting.Roles;

public static class RoleServices
{
    /// <summary>
    /// This process's <see cref="ProcessRoles"/> and what follows from them on the read side: projections run only with
    /// the projector role (under the projector lease, named after the read store it writes), and a projector without a
    /// lease holds the data directory's <see cref="ProjectorLock"/>.
    /// </summary>
    public static ProcessRoles AddProcessRoles(this IServiceCollection services, IConfiguration configuration)
    {
        var roles = ProcessRoles.From(configuration);
        services.AddSingleton(roles);
        if (!roles.Has(ProcessRole.Projector)) services.PostConfigure<ReadModelOptions>(o => o.RunProjections = false);
        services.AddSingleton<IPostConfigureOptions<ProjectorOptions>, ProjectorLeaseNaming>();
        services.AddSingleton(sp => new ProjectorLock(sp.GetRequiredService<IOptions<StorageOptions>>().Value.DataDirectory));
        return roles;
    }

    /// <summary>Whether this process must hold the <see cref="ProjectorLock"/>: it projects into an embedded read store
    /// without a lease.</summary>
    public static bool NeedsProjectorLock(IServiceProvider services) =>
        services.GetRequiredService<IOptions<ReadModelOptions>>().Value.RunProjections
        && !services.GetRequiredService<IOptions<ProjectorOptions>>().Value.UsesLease
        && services.GetRequiredService<IOptions<ReadStoreOptions>>().Value.Provider == ReadStoreProviders.Sqlite;
}
