using System.Collections.Concurrent;
using FlashSale.Subscriptions.Following;

namespace FlashSale.Subscriptions.Status;

/// <summary>Every follower of this process by name, so one status endpoint or metric reads them all the same way.</summary>
public sealed class LogFollowers
{
    private readonly ConcurrentDictionary<string, LogFollower> _followers = new(StringComparer.Ordinal);

    public IReadOnlyList<FollowerStatus> All => [.. _followers.Values.Select(f => f.Status).OrderBy(s => s.Name, StringComparer.Ordinal)];

    public FollowerStatus? StatusOf(string name) => _followers.GetValueOrDefault(name)?.Status;

    /// <summary>A follower started again under the same name replaces the earlier one.</summary>
    internal void Add(LogFollower follower) => _followers[follower.Name] = follower;
}
