using FlashSale.LoadTest.Http;
using FlashSale.LoadTest.Recording;

namespace FlashSale.LoadTest.Crowd;

/// <summary>The crowd: <c>Concurrency</c> buyers in parallel, each placing an order after the previous answer,
/// some of them repeats of an order already answered and some reservations confirmed with a signed callback.
/// The deadline stops new orders only: a request in flight is always answered, so the books stay exact.</summary>
public sealed class Buyers(LoadTestOptions options, FlashSaleHttp api, IReadOnlyList<string> itemIds, string runId,
    LoadRecorder recorder, CrowdLedger ledger)
{
    private readonly ItemPicker _picker = new(itemIds.Count, options.Popularity, options.ZipfS);
    private long _next = -1;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.EffectiveDuration);
        var buyers = Enumerable.Range(0, options.Concurrency)
            .Select(b => Task.Run(() => BuyAsync(new Random(options.Seed * 7919 + b), deadline.Token, cancellationToken), CancellationToken.None));
        await Task.WhenAll(buyers);
        cancellationToken.ThrowIfCancellationRequested();
    }

    private async Task BuyAsync(Random random, CancellationToken deadline, CancellationToken cancellationToken)
    {
        while (!deadline.IsCancellationRequested)
        {
            var index = Interlocked.Increment(ref _next);
            if (index >= options.EffectiveOrders) return;
            if (random.NextDouble() < options.RepeatShare && ledger.PickAnswered(random) is { } earlier)
                await RepeatAsync(earlier, cancellationToken);
            else
                await PlaceAsync(index, random, cancellationToken);
        }
    }

    private async Task PlaceAsync(long index, Random random, CancellationToken cancellationToken)
    {
        var order = new OrderRequest($"{runId}-o{index}", itemIds[_picker.Next(random)], $"{runId}-u{random.Next(options.Users)}", 1);
        var answer = await api.PlaceOrderAsync(order, cancellationToken);
        var outcome = Outcomes.OfNewOrder(answer);
        recorder.Record(outcome, answer, isOrderAttempt: true);
        ledger.Placed(order, answer, outcome);
        if (outcome != Outcomes.Accepted || random.NextDouble() >= options.ConfirmRate) return;
        var confirmation = await api.ConfirmAsync(order.OrderId, order.ItemId, cancellationToken);
        recorder.Record(confirmation.Status == 200 ? Outcomes.Confirm : Outcomes.Error, confirmation, isOrderAttempt: false);
        ledger.Confirmation(order, confirmation);
    }

    private async Task RepeatAsync(AnsweredOrder earlier, CancellationToken cancellationToken)
    {
        var answer = await api.PlaceOrderAsync(earlier.Order, cancellationToken);
        recorder.Record(answer.Status == earlier.Status ? Outcomes.Repeat : Outcomes.Error, answer, isOrderAttempt: true);
        ledger.Repeated(earlier, answer);
    }
}
