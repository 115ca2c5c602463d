using FlashSale.Application.CommandPath;
using FlashSale.Domain.Items;

namespace FlashSale.Application.Tests.Fixtures;

/// <summary>A group append made on purpose: the first command's append is held back at the gate, the others queue up
/// behind it and are decided together on top of it, then the gate opens.</summary>
internal static class HeldAppend
{
    /// <param name="concurrently">Queue the others from concurrent callers (in no set order) rather than one after the other.</param>
    /// <param name="whileHeld">Runs once the others are decided, before the held append goes on.</param>
    /// <returns>Every command's outcome, in the order of <paramref name="commands"/>.</returns>
    public static async Task<CommandOutcome[]> GroupAsync(GatedEventStore gate, ItemWriter writer, IEnumerable<ItemCommand> commands,
        bool concurrently = false, Action? whileHeld = null)
    {
        var all = commands.ToList();
        gate.Close();
        var first = writer.ExecuteAsync(all[0], Context);
        await gate.Blocked.WaitAsync(Eventually.Bound);
        // Each call returns once its command is queued.
        var rest = concurrently
            ? await Task.WhenAll(all.Skip(1).Select(c => Task.Factory.StartNew(() => writer.ExecuteAsync(c, Context))))
            : [.. all.Skip(1).Select(c => writer.ExecuteAsync(c, Context))];
        await Eventually.HoldsAsync(() => Task.FromResult(writer.QueueLength == 0), "the writer decided every queued command on top of the held append");
        whileHeld?.Invoke();
        gate.Open();
        return [await first.WaitAsync(Eventually.Bound), .. await Task.WhenAll(rest).WaitAsync(Eventually.Bound)];
    }

    private static CommandContext Context => CommandContext.System("buyer");
}
