using FlashSale.EventStore.Sqlite;
using FlashSale.Projections;
using FlashSale.ReadModels;
using FlashSale.ReadModels.Running;
using FlashSale.ReadModels.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

// Usage: ProjectorHost <events.db> <read-models.db> [batch size]
// Runs every projection's runner until killed (or Ctrl+C); prints "following" once the read store is initialised.
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: FlashSale.ReadModels.ProjectorHost <events.db> <read-models.db> [batch size]");
    return 2;
}

using var stopping = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stopping.Cancel();
};

await using var events = await SqliteEventStore.OpenAsync(args[0], pollInterval: TimeSpan.FromMilliseconds(20));
await using var store = SqliteReadModelStore.Open(args[1]);
var projections = AllProjections.Create();
await store.InitializeAsync(projections, stopping.Token);
var options = new ReadModelOptions { BatchSize = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 1000 };
var progress = new ProjectionProgress();
Console.WriteLine("following");
await new ProjectionRunner(projections, events, store, progress, options, TimeProvider.System, NullLogger.Instance).RunAsync(stopping.Token);
return 0;
