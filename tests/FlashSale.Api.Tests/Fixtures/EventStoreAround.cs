using FlashSale.EventStore;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace FlashSale.Api.Tests.Fixtures;

public static class EventStoreAround
{
    /// <summary><paramref name="api"/> with the event store it opens wrapped by <paramref name="wrap"/>; the wrapper is
    /// <c>Services.GetRequiredService&lt;IEventStore&gt;()</c>.</summary>
    public static WebApplicationFactory<Program> WithEventStoreAround(this WebApplicationFactory<Program> api, Func<IEventStore, IEventStore> wrap) =>
        api.WithWebHostBuilder(web => web.ConfigureTestServices(services =>
        {
            var original = services.Last(d => d.ServiceType == typeof(IEventStore)).ImplementationFactory!;
            services.AddSingleton<IEventStore>(sp => wrap((IEventStore)original(sp)));
        }));
}
