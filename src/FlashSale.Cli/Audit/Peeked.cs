using System.Runtime.CompilerServices;

namespace FlashSale.Cli.Audit;

/// <summary>A sequence read up to its first element before anything is written, so that an empty one can be answered
/// (unknown, not there yet) instead of an empty page; the rest is read as the page is written, in the same pass.</summary>
public static class Peeked
{
    /// <returns>The whole sequence, or null when it is empty.</returns>
    public static async Task<IAsyncEnumerable<T>?> NonEmptyAsync<T>(IAsyncEnumerable<T> source, CancellationToken cancellationToken)
    {
        var enumerator = source.GetAsyncEnumerator(cancellationToken);
        if (await enumerator.MoveNextAsync()) return Rest(enumerator, cancellationToken);
        await enumerator.DisposeAsync();
        return null;
    }

    private static async IAsyncEnumerable<T> Rest<T>(IAsyncEnumerator<T> started, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var enumerator = started;
        do
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return enumerator.Current;
        }
        while (await enumerator.MoveNextAsync());
    }
}
