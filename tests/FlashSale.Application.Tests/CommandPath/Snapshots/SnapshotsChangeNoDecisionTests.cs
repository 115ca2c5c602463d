using FlashSale.Domain.Items;
using static FlashSale.Application.Tests.CommandPath.Snapshots.RestartableItem;

namespace FlashSale.Application.Tests.CommandPath.Snapshots;

/// <summary>A snapshot is an optimization: random sales, restarted at random moments, are answered the same, command for
/// command, by a writer that loads snapshots and by one that replays the whole stream.</summary>
public sealed class SnapshotsChangeNoDecisionTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task the_same_commands_get_the_same_answers_with_and_without_snapshots(int seed)
    {
        var random = new Random(seed);
        await using var snapshotted = await new RestartableItem(snapshots: true, every: 3).StartAsync();
        await using var replayed = await new RestartableItem(snapshots: false).StartAsync();
        var loadsFromSnapshots = 0;
        var list = new ListItem("lamp", "Lamp", 40, 3, null, null, 30, Start);
        (await snapshotted.AnswerAsync(list)).ShouldBe(await replayed.AnswerAsync(list));

        for (var step = 0; step < 250; step++)
        {
            var command = RandomCommand(random, Start.AddSeconds(step));
            var answer = await replayed.AnswerAsync(command);
            (await snapshotted.AnswerAsync(command)).ShouldBe(answer, $"step {step}: {command}");
            if (random.Next(15) != 0) continue;
            await snapshotted.RestartAsync();
            await replayed.RestartAsync();
            (await snapshotted.AnswerAsync(command)).ShouldBe(await replayed.AnswerAsync(command), $"repeat after restart at {step}: {command}");
            if (snapshotted.Writer.LastLoad?.SnapshotRevision is not null) loadsFromSnapshots++;
        }
        loadsFromSnapshots.ShouldBeGreaterThan(3);
    }

    private static ItemCommand RandomCommand(Random random, DateTimeOffset now)
    {
        var order = $"o-{random.Next(60)}";
        var user = $"u-{random.Next(12)}";
        return random.Next(10) switch
        {
            < 5 => new PlaceOrder("lamp", order, user, random.Next(1, 3), now),
            5 => new ConfirmPayment("lamp", order, $"psp-{random.Next(3)}", now),
            6 => new TimeOutPayment("lamp", order, TimeoutCauses.GatewayTimeout, now),
            7 => new RetryDeadLetter("lamp", order, "operator", now),
            8 => new DiscardDeadLetter("lamp", order, "gone", "operator", now),
            _ => new RestockItem("lamp", random.Next(1, 4), "found", now, random.Next(2) == 0 ? null : $"op-{random.Next(5)}"),
        };
    }
}
