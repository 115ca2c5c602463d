using FlashSale.Api.Audit;
using FlashSale.Api.Buyers;
using FlashSale.Api.Cors;
using FlashSale.Api.DeadLetters;
using FlashSale.Api.Docs;
using FlashSale.Api.Health;
using FlashSale.Api.Http;
using FlashSale.Api.Items;
using FlashSale.Api.Log;
using FlashSale.Api.Limits;
using FlashSale.Api.Logging;
using FlashSale.Api.Metrics;
using FlashSale.Api.Operators;
using FlashSale.Api.Orders;
using FlashSale.Api.Payments;
using FlashSale.Payments.Callbacks;
using FlashSale.Api.Projections;
using FlashSale.Api.Queries;
using FlashSale.Api.Restart;
using FlashSale.Api.Roles;
using FlashSale.Api.Shutdown;
using FlashSale.Application;
using FlashSale.Hosting;
using FlashSale.Hosting.Roles;
using FlashSale.Payments;
using FlashSale.ReadModels;

namespace FlashSale.Api;

/// <summary>The web host's wiring: services, the middleware in front of the endpoints, and the endpoints per area.</summary>
public static class FlashSaleApi
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    public static WebApplicationBuilder AddFlashSaleApi(this WebApplicationBuilder builder)
    {
        builder.AddStructuredLogs();
        if (string.IsNullOrEmpty(builder.Configuration["urls"])) builder.WebHost.UseUrls(DefaultUrl);
        var (services, configuration) = (builder.Services, builder.Configuration);
        var roles = services.AddProcessRoles(configuration);
        services.AddFlashSaleEventStore(configuration);
        // Payments settle through the command path too; only the order index is the API's alone.
        services.AddFlashSaleWriteSide(configuration, followOrders: roles.Has(ProcessRole.Api));
        services.AddFlashSalePayments(configuration, run: roles.Has(ProcessRole.Payments));
        services.AddFlashSaleReadStore(configuration);
        // Every process initialises the read store; only a projector runs the projections (RoleServices).
        services.AddFlashSaleReadSide(configuration);
        services.AddRestartFromReadStore();
        services.AddSingleton<ReadModelGate>();
        services.AddOperatorAccess();
        services.AddBuyerAccess(configuration);
        services.AddErrorAnswers();
        services.AddOrdersJson();
        services.AddAdmissionLimits(configuration);
        services.AddFlashSaleMetrics(configuration);
        services.AddHealthApi(configuration);
        services.AddLogApi();
        services.AddGracefulShutdown(configuration);
        services.AddApiReference(configuration);
        services.AddCrossOrigin(configuration);
        return builder;
    }

    public static WebApplication UseFlashSaleApi(this WebApplication app)
    {
        // Resolved at start so that a generated key is logged before the first request, not on it.
        app.Services.GetRequiredService<OperatorKey>();
        app.Services.GetRequiredService<CallbackSecret>();
        app.UseRequestScopeAndDuration();
        app.UseCrossOrigin();
        app.UseErrorAnswers();
        app.UseAdmissionLimits();
        app.UseAccess();
        app.UseMiddleware<PaymentSignatureMiddleware>();
        return app;
    }

    public static WebApplication MapFlashSaleApi(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<ProcessRoles>().Has(ProcessRole.Api))
        {
            app.MapHealthApi();
            app.MapFlashSaleMetrics();
            app.MapNotServedHere();
            return app;
        }
        app.MapHealthApi();
        app.MapItemsApi();
        app.MapOrdersApi();
        app.MapDeadLettersApi();
        app.MapProjectionsApi();
        app.MapAuditApi();
        app.MapExportApi();
        app.MapVerifyApi();
        app.MapLogApi();
        app.MapFlashSaleMetrics();
        app.MapIndexApi();
        app.MapApiReference();
        return app;
    }
}
