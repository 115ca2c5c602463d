using System.Collections.Concurrent;
using FlashSale.Subscriptions.Following;

namespace FlashSale.Subscriptions.Status;

/// <summary>Every follower of this process by name, so one status endpoint or metric reads them all the same way.</summary>
public sealed class LogFollowers
{
    private readonly ConcurrentDictionary<string, LogFollower> _followers = new(StringComparer.Ordinal);

    public IReadOnlyList<FollowerStatus> All => [.. _followers.Values.Select(f => f.Status).OrderBy(s => s.Name, StringComparer.Ordinal)];

    public FollowerStatus? StatusOf(string name) => _followers.GetValueOrDefault(name)?.Status;

    /// <summary>The followers running here that have not caught up with the log since they started (readiness waits
    /// for them); a stopped one (a projector that lost its lease) does not count.</summary>
    public IReadOnlyList<FollowerStatus> CatchingUp =>
    [
        .. _followers.Values.Where(f => !f.CaughtUp.IsCompleted).Select(f => f.Status).Where(s => s.State != FollowerState.Stopped)
            .OrderBy(s => s.Name, StringComparer.Ordinal),
    ];

    /// <summary>A follower started again under the same name replaces the earlier one.</summary>
    internal void Add(LogFollower follower) => _followers[follower.Name] = follower;
}
