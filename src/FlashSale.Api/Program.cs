using FlashSale.Api;
using FlashSale.Api.Configuration;
using FlashSale.Hosting;
using FlashSale.Hosting.Configuration;

var dryRun = args.Contains(ApiStartupCheck.DryRunFlag);
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args.Where(a => a != ApiStartupCheck.DryRunFlag).ToArray(),
    // appsettings.json is read next to the program wherever it is started from; a relative Storage:DataDirectory
    // still starts at the working directory (StorageOptions), as in the CLI.
    ContentRootPath = AppSettingsFiles.ProgramDirectory,
});
builder.Configuration.AddWorkingDirectoryAppSettingsFiles(builder.Environment.EnvironmentName);
builder.AddFlashSaleApi();

var app = builder.Build();
// Before anything resolves a store, so that a bad configuration leaves no file behind.
if (ApiStartupCheck.Run(app, dryRun) is { } exitCode) return exitCode;
app.Services.LogDataDirectory(app.Logger);
app.UseFlashSaleApi();
app.MapFlashSaleApi();

app.Run();
return 0;

public partial class Program;
