using FlashSale.Application;
using FlashSale.Hosting;
using FlashSale.ReadModels;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FlashSale.Cli.Hosting;

/// <summary>
/// The API's services without its host: nothing is started, so no projection runner, payments or order-index feeder
/// runs here; commands drive what they need (catch-up, rebuild, one use case) themselves.
/// </summary>
public static class CliServices
{
    public static async Task<ServiceProvider> BuildAsync(IConfiguration configuration)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(configuration);
        services.AddFlashSaleEventStore(configuration);
        services.AddFlashSaleReadStore(configuration);
        services.AddFlashSaleWriteSide(configuration);
        services.AddFlashSaleReadSide(configuration, runProjections: false);
        var provider = services.BuildServiceProvider();
        try
        {
            Validate(provider);
            return provider;
        }
        catch
        {
            await provider.DisposeAsync();
            throw;
        }
    }

    private static void Validate(ServiceProvider provider)
    {
        try
        {
            provider.GetService<IStartupValidator>()?.Validate();
        }
        catch (AggregateException ex)
        {
            throw CliException.Configuration("Configuration: " + string.Join(" ", ex.InnerExceptions.Select(e => e.Message)));
        }
        catch (InvalidOperationException ex)
        {
            throw CliException.Configuration("Configuration: " + ex.Message); // binder errors name the key ("... at 'ReadModels:BatchSize' ...")
        }
        EventLogCheck.RequireFile(provider);
    }
}
