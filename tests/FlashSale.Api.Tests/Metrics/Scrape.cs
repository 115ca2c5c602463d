using System.Globalization;
using FlashSale.Api.Tests.Fixtures;

namespace FlashSale.Api.Tests.Metrics;

/// <summary>One scrape of <c>/metrics</c> as series name (with labels) -> value.</summary>
public sealed class Scrape(IReadOnlyDictionary<string, double> values)
{
    public static async Task<Scrape> OfAsync(HttpClient client)
    {
        var answer = await client.QueryAsync("/metrics");
        answer.Status.ShouldBe(System.Net.HttpStatusCode.OK, answer.ToString());
        return new(answer.Answer.Text.Split('\n')
            .Where(l => l.StartsWith("flashsale_", StringComparison.Ordinal))
            .Select(l => l.Split(' '))
            .ToDictionary(p => p[0], p => double.Parse(p[1], CultureInfo.InvariantCulture)));
    }

    public double this[string series] =>
        values.TryGetValue(series, out var value) ? value : throw new ShouldAssertException($"No series {series} in the scrape.");

    public bool Has(string series) => values.ContainsKey(series);
}
