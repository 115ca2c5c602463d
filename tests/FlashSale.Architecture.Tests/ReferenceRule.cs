namespace FlashSale.Architecture.Tests;

/// <summary>
/// What one project (or, with a trailing <c>.*</c>, a family such as every event store adapter) may reference.
/// Names in <see cref="MayReference"/> and <see cref="NeverReaches"/> may also end in <c>.*</c>.
/// </summary>
/// <param name="Why">Said in the failure message, so whoever breaks the rule learns the reason, not just the rule.</param>
public sealed record ReferenceRule(string Project, string Why)
{
    /// <summary>The projects it may reference directly; null for any project.</summary>
    public IReadOnlyList<string>? MayReference { get; init; }

    public bool MayUsePackages { get; init; } = true;

    /// <summary>Projects it must not depend on at all, directly or through other projects.</summary>
    public IReadOnlyList<string> NeverReaches { get; init; } = [];

    public bool Covers(string project) => Matches(Project, project);

    public static bool Matches(string pattern, string project) =>
        pattern.EndsWith(".*", StringComparison.Ordinal)
            ? project.StartsWith(pattern[..^1], StringComparison.Ordinal)
            : project == pattern;
}
