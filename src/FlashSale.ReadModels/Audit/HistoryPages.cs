using System.Runtime.CompilerServices;
using FlashSale.ReadModels.Queries;

namespace FlashSale.ReadModels.Audit;

/// <summary>
/// One page of a history as it is written out: <see cref="Steps"/> yields the page's steps while the log is read, and
/// reads the rest of the history (keeping nothing) to learn the state as of the point. <see cref="State"/> and
/// <see cref="HasMore"/> are known once <see cref="Steps"/> has been enumerated, so a writer puts them after the steps.
/// </summary>
public sealed class HistoryPageStream<TRow>(IAsyncEnumerable<HistoryStep<TRow>> history, PageRequest page) where TRow : class
{
    public PageRequest Page => page;

    /// <summary>The state as of the point: after the history's last step, on every page (null before the first event).</summary>
    public TRow? State { get; private set; }

    public bool HasMore { get; private set; }

    public int? NextOffset => HasMore ? page.Offset + page.Limit : null;

    public async IAsyncEnumerable<HistoryStep<TRow>> Steps([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        long index = 0;
        await foreach (var step in history.WithCancellation(cancellationToken))
        {
            State = step.State;
            if (index >= page.Offset + page.Limit) HasMore = true;
            else if (index >= page.Offset) yield return step;
            index++;
        }
    }
}

/// <summary>One page of a history, read whole (for the CLI): the steps of the page and the state as of the point.</summary>
public sealed record HistoryPage<TRow>(IReadOnlyList<HistoryStep<TRow>> Steps, TRow? State, int Limit, int Offset, bool HasMore)
    where TRow : class
{
    public int? NextOffset => HasMore ? Offset + Limit : null;

    public static async Task<HistoryPage<TRow>> ReadAsync(HistoryPageStream<TRow> stream, CancellationToken cancellationToken)
    {
        var steps = await stream.Steps(cancellationToken).ToListAsync(cancellationToken);
        return new HistoryPage<TRow>(steps, stream.State, stream.Page.Limit, stream.Page.Offset, stream.HasMore);
    }
}
