namespace FlashSale.Application.CommandPath;

/// <summary>Who asks, and which conversation the command belongs to; goes into the metadata of every event it causes.</summary>
public sealed record CommandContext(string CorrelationId, string CausationId, string Actor)
{
    public static CommandContext System(string actor) =>
        new(Guid.NewGuid().ToString("N"), Guid.NewGuid().ToString("N"), actor);
}
