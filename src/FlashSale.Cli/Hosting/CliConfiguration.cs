using Microsoft.Extensions.Configuration;

namespace FlashSale.Cli.Hosting;

/// <summary>
/// The API's configuration sources, in the API's order: appsettings.json and appsettings.{Environment}.json from the
/// working directory, then environment variables (Storage__DataDirectory, ...), then --data-dir. Run in the API's
/// working directory, the CLI opens the same stores.
/// </summary>
public static class CliConfiguration
{
    public const string DataDirectoryKey = "Storage:DataDirectory";

    public static IConfiguration Build(string? dataDirectory)
    {
        var environment = Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT")
            ?? Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? "Production";
        var builder = new ConfigurationBuilder()
            .SetBasePath(Directory.GetCurrentDirectory())
            .AddJsonFile("appsettings.json", optional: true, reloadOnChange: false)
            .AddJsonFile($"appsettings.{environment}.json", optional: true, reloadOnChange: false)
            .AddEnvironmentVariables();
        if (dataDirectory is not null) builder.AddInMemoryCollection([new(DataDirectoryKey, dataDirectory)]);
        try
        {
            return builder.Build();
        }
        catch (Exception ex) when (ex is InvalidDataException or FormatException or System.Text.Json.JsonException)
        {
            throw CliException.Configuration(
                $"Could not read the configuration files in {Directory.GetCurrentDirectory()}: {ex.Message} {ex.InnerException?.Message}".TrimEnd());
        }
    }
}
