using System.Security.Cryptography;
using System.Text;
using FlashSale.ReadModels.Running;
using Microsoft.Extensions.Options;

namespace FlashSale.Hosting.Roles;

/// <summary>
/// One projector lease per read store. Processes that share the read store share its lease (<c>lease-projector</c>): a
/// PostgreSQL read store, or an embedded one next to an embedded log. An embedded read store on a shared log (EventStoreDB,
/// PostgreSQL) is a file of this machine: its projector must not stand by for another machine's file, so its lease is
/// named after the machine and the file.
/// </summary>
internal sealed class ProjectorLeaseNaming(IOptions<EventStoreOptions> events, IOptions<ReadStoreOptions> reads, IOptions<StorageOptions> storage)
    : IPostConfigureOptions<ProjectorOptions>
{
    public void PostConfigure(string? name, ProjectorOptions options)
    {
        if (options.LeaseStream is not null) return;
        var localFile = reads.Value.Provider == ReadStoreProviders.Sqlite
            && !events.Value.Provider.Equals(EventStoreProviders.Sqlite, StringComparison.OrdinalIgnoreCase);
        if (!localFile) return;
        var where = $"{Environment.MachineName}:{storage.Value.ReadModelsDatabasePath}";
        options.LeaseStream = $"{ProjectorLease.DefaultStream}-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(where)))[..16]}";
    }
}
