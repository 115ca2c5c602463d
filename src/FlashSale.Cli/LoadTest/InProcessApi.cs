using System.Security.Cryptography;
using FlashSale.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace FlashSale.Cli.LoadTest;

/// <summary>
/// The API hosted in this process for <c>loadtest</c> without <c>--url</c>: the real web host (Kestrel on a free
/// loopback port, the same wiring as FlashSale.Api's Program) on a fresh temporary data directory, deleted on dispose.
/// In-process rather than a child process because the CLI is a host and may reference the API, and a child would
/// need to find a built FlashSale.Api.dll. The payment processor is off (the run's callbacks are the only payments,
/// so the books are exact) and the per-user rate limit is lifted (a crowd of a few users would hit it).
/// </summary>
public sealed class InProcessApi : IAsyncDisposable
{
    private readonly WebApplication _app;

    private InProcessApi(WebApplication app, string dataDirectory, string operatorKey, string callbackSecret)
    {
        _app = app;
        DataDirectory = dataDirectory;
        OperatorKey = operatorKey;
        CallbackSecret = callbackSecret;
    }

    public string DataDirectory { get; }
    public string OperatorKey { get; }
    public string CallbackSecret { get; }
    public Uri Url => new(_app.Urls.First());

    public static async Task<InProcessApi> StartAsync(CancellationToken cancellationToken)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "flashsale-loadtest", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDirectory);
        var (operatorKey, callbackSecret) = (Secret(), Secret());
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ContentRootPath = dataDirectory, EnvironmentName = "Production", Args = [],
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["Storage:DataDirectory"] = dataDirectory,
            ["Operators:ApiKey"] = operatorKey,
            ["Payments:CallbackSecret"] = callbackSecret,
            ["Payments:ProcessorEnabled"] = "false",
            ["RateLimiting:OrdersPerUser:PermitLimit"] = "100000000",
        });
        builder.AddFlashSaleApi();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders(); // the CLI's stdout is the report
        var app = builder.Build();
        app.UseFlashSaleApi();
        app.MapFlashSaleApi();
        await app.StartAsync(cancellationToken);
        return new InProcessApi(app, dataDirectory, operatorKey, callbackSecret);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        try { Directory.Delete(DataDirectory, recursive: true); }
        catch (IOException) { } // a file still held open: the temporary directory is the system's to clean
    }

    private static string Secret() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
}
