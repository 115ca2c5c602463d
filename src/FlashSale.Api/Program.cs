using FlashSale.Hosting;
using FlashSale.Api.Admin;
using FlashSale.Api.Audit;
using FlashSale.Api.Http;
using FlashSale.Api.Items;
using FlashSale.Api.Metrics;
using FlashSale.Api.Operators;
using FlashSale.Api.Orders;
using FlashSale.Api.Payments;
using FlashSale.Api.Queries;
using FlashSale.Application;
using FlashSale.Payments;
using FlashSale.ReadModels;

var builder = WebApplication.CreateBuilder(args);
if (string.IsNullOrEmpty(builder.Configuration["urls"])) builder.WebHost.UseUrls("http://127.0.0.1:5080");

builder.Services.AddFlashSaleEventStore(builder.Configuration);
builder.Services.AddFlashSaleWriteSide(builder.Configuration);
builder.Services.AddFlashSalePayments(builder.Configuration);
builder.Services.AddFlashSaleReadStore(builder.Configuration);
builder.Services.AddFlashSaleReadSide(builder.Configuration);
builder.Services.AddSingleton<OperatorKey>();
builder.Services.AddSingleton<OperatorOnlyFilter>();
builder.Services.AddSingleton<CallbackSecret>();
builder.Services.AddFlashSaleMetrics();
builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(15));

var app = builder.Build();
app.Services.GetRequiredService<OperatorKey>();
app.Services.GetRequiredService<CallbackSecret>();

app.UseExceptionHandler(error => error.Run(async http =>
{
    // Last resort: never a stack trace, always a problem body.
    await Problems.Create(StatusCodes.Status500InternalServerError, "Unexpected error",
        "The request failed unexpectedly; it is safe to retry with the same order id.", "internal_error").ExecuteAsync(http);
}));
app.UseStatusCodePages(async status =>
{
    var http = status.HttpContext;
    if (http.Response.ContentLength is null && string.IsNullOrEmpty(http.Response.ContentType))
        await Problems.Create(http.Response.StatusCode, ReasonPhrase(http.Response.StatusCode),
            $"{http.Request.Method} {http.Request.Path} answered {http.Response.StatusCode}.", "http_" + http.Response.StatusCode).ExecuteAsync(http);
});

app.UseMiddleware<PaymentSignatureMiddleware>();

app.MapGet("/health", () => Results.Ok(new { status = "live" }));
app.MapItemCommands();
app.MapOrderCommands();
app.MapItemQueries();
app.MapOrderQueries();
app.MapDeadLetterQueries();
app.MapDeadLetterCommands();
app.MapProjectionAdmin();
app.MapAuditVerify();
app.MapAuditTrail();
app.MapAuditHistory();
app.MapAuditExport();
app.MapFlashSaleMetrics();

app.Run();

static string ReasonPhrase(int status) => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } p ? p : "Error";

public partial class Program;
