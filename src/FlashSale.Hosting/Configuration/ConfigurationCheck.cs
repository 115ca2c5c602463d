using FlashSale.Hosting.Roles;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FlashSale.Hosting.Configuration;

/// <summary>
/// Every option class validated before anything opens a store: what <c>ValidateOnStart</c> registered, the secrets
/// a deployment must set, and a writable data directory. Each problem is one line naming the key, its value (secrets
/// masked) and what is allowed. Shared by the API's start (and <c>--dry-run</c>) and <c>flashsale config check</c>.
/// </summary>
public static class ConfigurationCheck
{
    /// <summary>EX_CONFIG from sysexits.h: what a supervisor should read as "fix the configuration, not the process".</summary>
    public const int ExitCode = 78;

    public static readonly string[] SecretsOutsideDevelopment = ["Operators:ApiKey", "Payments:CallbackSecret"];

    public static IReadOnlyList<string> Problems(IServiceProvider services, IConfiguration configuration, bool isDevelopment)
    {
        var problems = new List<string>();
        if (RolesProblem(configuration) is { } roles) return [roles];
        problems.AddRange(OptionProblems(services).Select(p => ConfigurationValues.WithValue(p, configuration)));
        if (!isDevelopment)
            problems.AddRange(SecretsOutsideDevelopment.Where(key => string.IsNullOrWhiteSpace(configuration[key]))
                .Select(key => $"{key} is not set: it is required outside Development (set it, e.g. {key.Replace(":", "__", StringComparison.Ordinal)}=...)."));
        if (problems.Count == 0 && ProjectorProblem(services) is { } projector) problems.Add(projector);
        if (problems.Count == 0 && DataDirectoryProblem(services) is { } directory) problems.Add(directory);
        return problems;
    }

    private static string? RolesProblem(IConfiguration configuration) =>
        ProcessRoles.TryParse(configuration[ProcessRoles.Key], out _, out var error)
            ? null
            : $"{ProcessRoles.Key} '{configuration[ProcessRoles.Key]}' is not valid: {error} (e.g. Roles=api or --roles projector,payments; unset runs all three).";

    private static IEnumerable<string> OptionProblems(IServiceProvider services)
    {
        try
        {
            services.GetService<IStartupValidator>()?.Validate();
            return [];
        }
        catch (OptionsValidationException e)
        {
            return e.Failures;
        }
        catch (AggregateException e)
        {
            return e.InnerExceptions.SelectMany(i => i is OptionsValidationException v ? v.Failures : [i.Message]);
        }
        catch (InvalidOperationException e)
        {
            // The binder's own errors name the key: "Failed to convert configuration value '-x' at 'Sales:...' to type ...".
            return [e.Message];
        }
    }

    private static string? ProjectorProblem(IServiceProvider services) =>
        services.GetService<IOptions<FlashSale.ReadModels.Running.ProjectorOptions>>()?.Value.UsesLease == false
        && services.GetService<IOptions<ReadStoreOptions>>()?.Value.Provider == ReadStoreProviders.PostgreSql
            ? "Projector:LeaseSeconds is 0 (no lease), which only an embedded (SQLite) read store allows: processes on other machines " +
              "share a PostgreSQL read store and no lock file can see them; set Projector:LeaseSeconds above 0 (default 10)."
            : null;

    private static string? DataDirectoryProblem(IServiceProvider services)
    {
        var usesFiles = services.GetRequiredService<IOptions<EventStoreOptions>>().Value.Provider.Equals(EventStoreProviders.Sqlite, StringComparison.OrdinalIgnoreCase)
            || services.GetService<IOptions<ReadStoreOptions>>()?.Value.Provider == ReadStoreProviders.Sqlite;
        if (!usesFiles) return null;
        var directory = services.GetRequiredService<IOptions<StorageOptions>>().Value.DataDirectory;
        return WritableDirectory.Problem(directory) is { } problem
            ? $"Storage:DataDirectory '{directory}' {problem}: it must be a directory this process can create files in."
            : null;
    }
}
