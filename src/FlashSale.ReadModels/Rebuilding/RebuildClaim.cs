namespace FlashSale.ReadModels.Rebuilding;

/// <summary>A held rebuild claim: renewed in the background until disposed, which releases it. Losing it (the store
/// down for longer than the lease) is logged; the swap's compare-and-set still keeps two rebuilds from both swapping in.</summary>
public sealed class RebuildClaim : IAsyncDisposable
{
    private readonly RebuildClaims _claims;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _renewing;

    internal RebuildClaim(string projection, string owner, RebuildClaims claims)
    {
        (Projection, Owner, _claims) = (projection, owner, claims);
        _renewing = Task.Run(RenewAsync);
    }

    public string Projection { get; }

    public string Owner { get; }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _renewing;
        _stop.Dispose();
        await _claims.ReleaseAsync(Projection, Owner);
    }

    private async Task RenewAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await _claims.WaitToRenewAsync(_stop.Token);
                if (await _claims.RenewAsync(Projection, Owner, _stop.Token)) continue;
                _claims.RenewalFailed(Projection, null);
                return;
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                _claims.RenewalFailed(Projection, ex); // the store may be back before the lease runs out: keep trying
            }
        }
    }
}
