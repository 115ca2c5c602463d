using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace FlashSale.Hosting.Configuration;

/// <summary>
/// Where the API and the CLI find appsettings.json (then appsettings.{Environment}.json): first in the program's own
/// directory, wherever the process is started from, then in the working directory when that is another one (a local
/// override). Environment variables and the command line come after both.
/// </summary>
public static class AppSettingsFiles
{
    public static string ProgramDirectory => Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory);

    /// <summary>The directories read, in order (later ones override earlier ones).</summary>
    public static IReadOnlyList<string> Directories()
    {
        var working = Path.TrimEndingDirectorySeparator(Environment.CurrentDirectory);
        return string.Equals(working, ProgramDirectory, StringComparison.Ordinal) || !Directory.Exists(working)
            ? [ProgramDirectory]
            : [ProgramDirectory, working];
    }

    public static IReadOnlyList<string> Names(string environment) => ["appsettings.json", $"appsettings.{environment}.json"];

    /// <summary>Both directories' files, for a process that builds its configuration itself (the CLI).</summary>
    public static IConfigurationBuilder AddAppSettingsFiles(this IConfigurationBuilder builder, string environment)
    {
        foreach (var directory in Directories())
            foreach (var name in Names(environment))
                builder.Add(Source(directory, name));
        return builder;
    }

    /// <summary>For a host that already reads its content root's files (content root = the program's directory): the
    /// working directory's files right after those, so environment variables and the command line still win.</summary>
    public static IConfigurationBuilder AddWorkingDirectoryAppSettingsFiles(this IConfigurationBuilder builder, string environment)
    {
        var directories = Directories();
        if (directories.Count == 1) return builder;
        var names = Names(environment);
        var last = -1;
        for (var i = 0; i < builder.Sources.Count; i++)
            if (builder.Sources[i] is JsonConfigurationSource { Path: { } path } && names.Contains(path, StringComparer.OrdinalIgnoreCase)) last = i;
        var at = last < 0 ? builder.Sources.Count : last + 1;
        foreach (var name in names) builder.Sources.Insert(at++, Source(directories[1], name));
        return builder;
    }

    private static JsonConfigurationSource Source(string directory, string name) => new()
    {
        FileProvider = new PhysicalFileProvider(directory),
        Path = name,
        Optional = true,
        ReloadOnChange = false,
    };
}
