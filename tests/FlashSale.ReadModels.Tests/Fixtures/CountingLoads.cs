using System.Reflection;
using FlashSale.Projections;
using FlashSale.ReadModels.Storage;

namespace FlashSale.ReadModels.Tests.Fixtures;

/// <summary>A read store that counts the row loads it is asked for, and how many of the keys had no row.</summary>
public class CountingLoads : DispatchProxy
{
    private IReadModelStore _inner = null!;
    private int _keysAsked;
    private int _keysWithoutRow;
    private readonly System.Collections.Concurrent.ConcurrentQueue<RowKey> _asked = new();

    public int KeysAsked => Volatile.Read(ref _keysAsked);

    /// <summary>Every key asked for, in the order asked (a key asked twice is here twice).</summary>
    public IReadOnlyList<RowKey> Asked => [.. _asked];

    /// <summary>Keys a writer asked for that had no row: a load it could have known it did not need.</summary>
    public int KeysWithoutRow => Volatile.Read(ref _keysWithoutRow);

    public static (IReadModelStore Store, CountingLoads Loads) Over(IReadModelStore inner)
    {
        var store = Create<IReadModelStore, CountingLoads>();
        var loads = (CountingLoads)(object)store;
        loads._inner = inner;
        return (store, loads);
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        try
        {
            var result = targetMethod!.Invoke(_inner, args);
            return targetMethod.Name == nameof(IReadModelStore.LoadRowsAsync)
                ? Counted((Task<IReadOnlyDictionary<RowKey, object?[]>>)result!, (IReadOnlyCollection<RowKey>)args![2]!)
                : result;
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            throw ex.InnerException;
        }
    }

    private async Task<IReadOnlyDictionary<RowKey, object?[]>> Counted(Task<IReadOnlyDictionary<RowKey, object?[]>> load, IReadOnlyCollection<RowKey> keys)
    {
        var rows = await load;
        Interlocked.Add(ref _keysAsked, keys.Count);
        foreach (var key in keys) _asked.Enqueue(key);
        Interlocked.Add(ref _keysWithoutRow, keys.Count(k => !rows.ContainsKey(k)));
        return rows;
    }
}
