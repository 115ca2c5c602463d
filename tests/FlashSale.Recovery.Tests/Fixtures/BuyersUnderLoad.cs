using System.Collections.Concurrent;
using System.Net;

namespace FlashSale.Recovery.Tests.Fixtures;

/// <summary>An order the API answered 201 or 409: durable from then on.</summary>
public sealed record Acknowledged(string OrderId, string ItemId, string UserId, HttpAnswer Answer);

/// <summary>The load the backup tests take their backups under.</summary>
internal static class BuyersUnderLoad
{
    /// <summary>One buyer placing orders on <paramref name="items"/> in turn until <paramref name="stop"/>; any answer other
    /// than 201 or 409 fails the test.</summary>
    public static async Task BuyAsync(HttpClient client, int buyer, string[] items, ConcurrentQueue<Acknowledged> acknowledged, CancellationToken stop,
        string prefix = "")
    {
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            var (orderId, itemId, userId) = ($"{prefix}load-{buyer}-{n}", items[n % items.Length], $"buyer-{prefix}{buyer}-{n}");
            HttpAnswer answer;
            try
            {
                answer = await client.PlaceOrderAsync(orderId, itemId, userId, stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            if (answer.Status is not (HttpStatusCode.Created or HttpStatusCode.Conflict))
                throw new ShouldAssertException($"Unexpected answer under load for {orderId}: {answer}");
            acknowledged.Enqueue(new Acknowledged(orderId, itemId, userId, answer));
        }
    }
}
