using FlashSale.EventStore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FlashSale.Application.CommandPath.Resilience;

public static class CommandPathResilience
{
    /// <summary>The circuit breaker (<see cref="CircuitBreakerOptions.Section"/>) and the store the command path appends through.</summary>
    public static IServiceCollection AddCommandPathCircuitBreaker(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CircuitBreakerOptions>().Bind(configuration.GetSection(CircuitBreakerOptions.Section))
            .Validate(o => o.FailuresToOpen is >= 1 and <= 1000, $"{CircuitBreakerOptions.Section}:FailuresToOpen must be between 1 and 1000.")
            .Validate(o => o.SuccessesToClose is >= 1 and <= 1000, $"{CircuitBreakerOptions.Section}:SuccessesToClose must be between 1 and 1000.")
            .Validate(o => o.BreakSeconds > 0 && o.BreakSeconds <= o.MaxBreakSeconds,
                $"{CircuitBreakerOptions.Section}:BreakSeconds must be above 0 and at most MaxBreakSeconds.")
            .Validate(o => o.MaxBreakSeconds <= 24 * 3600, $"{CircuitBreakerOptions.Section}:MaxBreakSeconds must be at most 86400.")
            .ValidateOnStart();
        services.AddSingleton<EventStoreCircuit>();
        services.AddSingleton<ICircuitState>(sp => sp.GetRequiredService<EventStoreCircuit>());
        services.AddSingleton(sp => new BreakingEventStore(sp.GetRequiredService<IEventStore>(), sp.GetRequiredService<EventStoreCircuit>()));
        return services;
    }
}
