namespace FlashSale.Architecture.Tests;

/// <summary>The project map of CONTRIBUTING.md as rules. A new project under src/ or projections/ needs a rule here.</summary>
public static class ReferenceRules
{
    private const string Application = "FlashSale.Application";

    public static IReadOnlyList<ReferenceRule> All { get; } =
    [
        new("FlashSale.Domain", "the domain is pure: decisions only, no I/O, no frameworks")
            { MayReference = [], MayUsePackages = false },
        new("FlashSale.EventStore", "the event store port is what every adapter implements; it depends on nothing")
            { MayReference = [], MayUsePackages = false },
        new("FlashSale.EventStore.Marten", "the PostgreSQL event store adapter implements the port on Marten and knows nothing of the sale")
            { MayReference = ["FlashSale.EventStore"] },
        new("FlashSale.EventStore.*", "an event store adapter implements the port and knows nothing of the sale")
            { MayReference = ["FlashSale.EventStore"] },
        new("FlashSale.Contracts", "contracts are the stored shape of the domain's events: stream names, type names, JSON")
            { MayReference = ["FlashSale.Domain", "FlashSale.EventStore"] },
        new(Application, "the command path decides with the domain and stores through the contracts")
            { MayReference = ["FlashSale.Contracts", "FlashSale.Domain", "FlashSale.EventStore", "FlashSale.Subscriptions"] },
        new("FlashSale.Payments", "payments send commands through the application's use cases")
            { MayReference = [Application, "FlashSale.Contracts", "FlashSale.Domain", "FlashSale.EventStore", "FlashSale.Subscriptions"] },
        new("FlashSale.Subscriptions", "the one log follower: subscribe, decode once, hand events to consumers")
            { MayReference = ["FlashSale.EventStore", "FlashSale.Contracts", "FlashSale.Domain"], NeverReaches = [Application] },
        new("FlashSale.Projections", "projections are pure functions of events")
            { MayReference = ["FlashSale.Domain", "FlashSale.EventStore", "FlashSale.Contracts"], NeverReaches = [Application] },
        new("FlashSale.ReadModels", "the read side is rebuilt from the log alone and never depends on the command path")
            {
                MayReference = ["FlashSale.Projections", "FlashSale.Contracts", "FlashSale.Subscriptions", "FlashSale.Domain", "FlashSale.EventStore"],
                NeverReaches = [Application],
            },
        new("FlashSale.ReadModels.*", "a read-model store implements the read side's store port")
            { MayReference = ["FlashSale.ReadModels"], NeverReaches = [Application] },
        new("FlashSale.Hosting", "hosting picks the configured adapters and stores; it holds no use case")
            { MayReference = ["FlashSale.EventStore", "FlashSale.EventStore.*", "FlashSale.ReadModels", "FlashSale.ReadModels.*"], NeverReaches = [Application] },
        new("FlashSale.LoadTest", "the load generator is a client of the HTTP contract: it knows the API only as buyers, operators and a payment provider do")
            { MayReference = [] },
        new("FlashSale.Api", "a host: it wires everything together"),
        new("FlashSale.Cli", "a host: it wires everything together"),
    ];
}
