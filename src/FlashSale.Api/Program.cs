using FlashSale.Api;
using FlashSale.Api.Configuration;

var dryRun = args.Contains(ApiStartupCheck.DryRunFlag);
var builder = WebApplication.CreateBuilder(args.Where(a => a != ApiStartupCheck.DryRunFlag).ToArray());
builder.AddFlashSaleApi();

var app = builder.Build();
// Before anything resolves a store, so that a bad configuration leaves no file behind.
if (ApiStartupCheck.Run(app, dryRun) is { } exitCode) return exitCode;
app.UseFlashSaleApi();
app.MapFlashSaleApi();

app.Run();
return 0;

public partial class Program;
