namespace FlashSale.LoadTest.Crowd;

/// <summary>Which item the next buyer wants: one hot item (nine in ten orders for the first, the rest spread),
/// all alike, or Zipf with exponent s (the k-th item weighs 1/k^s).</summary>
public sealed class ItemPicker
{
    private readonly double[] _cumulative;

    public ItemPicker(int items, Popularity popularity, double zipfS)
    {
        var weights = Enumerable.Range(1, items).Select(k => popularity switch
        {
            Popularity.Hot => k == 1 ? (items == 1 ? 1.0 : 9.0 * (items - 1)) : 1.0,
            Popularity.Zipf => 1.0 / Math.Pow(k, zipfS),
            _ => 1.0,
        }).ToArray();
        var total = weights.Sum();
        _cumulative = new double[items];
        var sum = 0.0;
        for (var i = 0; i < items; i++) _cumulative[i] = sum += weights[i] / total;
    }

    public int Next(Random random)
    {
        var index = Array.BinarySearch(_cumulative, random.NextDouble());
        return Math.Min(index < 0 ? ~index : index, _cumulative.Length - 1);
    }
}
