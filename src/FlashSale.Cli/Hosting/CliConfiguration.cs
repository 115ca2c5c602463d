using FlashSale.Hosting;
using FlashSale.Hosting.Configuration;
using Microsoft.Extensions.Configuration;

namespace FlashSale.Cli.Hosting;

/// <summary>
/// The API's configuration sources, in the API's order: appsettings.json and appsettings.{Environment}.json from the
/// program's directory, then from the working directory (a local override), then environment variables
/// (Storage__DataDirectory, ...), then --data-dir. A relative data directory starts at the working directory, as in the
/// API: started in the same directory, both open the same stores.
/// </summary>
public static class CliConfiguration
{
    public const string DataDirectoryKey = StorageOptions.DataDirectoryKey;

    public static string Environment =>
        System.Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? System.Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? "Production";

    public static IConfiguration Build(string? dataDirectory)
    {
        var builder = new ConfigurationBuilder().AddAppSettingsFiles(Environment).AddEnvironmentVariables();
        if (dataDirectory is not null) builder.AddInMemoryCollection([new(DataDirectoryKey, dataDirectory)]);
        try
        {
            return builder.Build();
        }
        catch (Exception ex) when (ex is InvalidDataException or FormatException or System.Text.Json.JsonException)
        {
            throw CliException.Configuration(
                $"Could not read the configuration files ({string.Join(", ", AppSettingsFiles.Directories())}): {ex.Message} {ex.InnerException?.Message}".TrimEnd());
        }
    }

    /// <summary>What --verbose prints on stderr: where the configuration came from and where the data is.</summary>
    public static IEnumerable<string> Describe(IConfiguration configuration)
    {
        var files = AppSettingsFiles.Directories().SelectMany(d => AppSettingsFiles.Names(Environment).Select(n => Path.Combine(d, n))).ToList();
        var read = files.Where(File.Exists).ToList();
        yield return $"configuration files: {(read.Count == 0 ? "none" : string.Join(", ", read))} (environment {Environment})";
        var storage = new StorageOptions();
        configuration.GetSection(StorageOptions.Section).Bind(storage);
        yield return $"data directory: {storage.Describe()}";
    }
}
