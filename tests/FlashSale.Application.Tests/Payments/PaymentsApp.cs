using FlashSale.Application.Tests.Fixtures;
using FlashSale.EventStore;
using FlashSale.Payments;
using Microsoft.Extensions.DependencyInjection;

namespace FlashSale.Application.Tests.Payments;

/// <summary>Starting a write side whose payments processor charges through a <see cref="ScriptedGateway"/>.</summary>
internal static class PaymentsApp
{
    public static Task<WriteSide> StartAsync(string databasePath, ScriptedGateway gateway, TimeProvider? clock = null,
        Dictionary<string, string?>? settings = null, Func<IEventStore, IEventStore>? decorateStore = null) =>
        WriteSide.StartAsync(databasePath, clock, payments: true, settings, decorateStore,
            services: s => s.AddSingleton<IPaymentGateway>(gateway));

    public static async Task<ItemLog> Until(WriteSide app, string itemId, Func<ItemLog, bool> condition, string what)
    {
        ItemLog log = null!;
        await Eventually.HoldsAsync(async () => condition(log = await app.ReadLogAsync(itemId)), what);
        return log;
    }
}
