namespace FlashSale.Architecture.Tests;

/// <summary>Checks project files against reference rules; each broken rule is one message saying what, where and why.</summary>
public static class ReferenceChecker
{
    public static IReadOnlyList<string> Violations(IReadOnlyList<ProjectFile> projects, IReadOnlyList<ReferenceRule> rules)
    {
        var byName = projects.ToDictionary(p => p.Name, StringComparer.Ordinal);
        var violations = new List<string>();
        foreach (var project in projects)
        {
            // An exact rule wins over a family rule (FlashSale.EventStore over FlashSale.EventStore.*).
            var rule = rules.FirstOrDefault(r => r.Project == project.Name) ?? rules.FirstOrDefault(r => r.Covers(project.Name));
            if (rule is null)
            {
                violations.Add($"{project.Name} has no reference rule: add one to ReferenceRules.All and its line to CONTRIBUTING.md's project map.");
                continue;
            }
            violations.AddRange(Check(project, rule, byName));
        }
        return violations;
    }

    private static IEnumerable<string> Check(ProjectFile project, ReferenceRule rule, IReadOnlyDictionary<string, ProjectFile> byName)
    {
        if (rule.MayReference is { } allowed)
            foreach (var reference in project.ProjectReferences.Where(r => !allowed.Any(a => ReferenceRule.Matches(a, r))))
                yield return $"{project.Name} references {reference}, but may reference only "
                    + $"{(allowed.Count == 0 ? "nothing" : string.Join(", ", allowed))}: {rule.Why}.";

        if (!rule.MayUsePackages)
            foreach (var package in project.PackageReferences)
                yield return $"{project.Name} uses package {package}, but must use no packages: {rule.Why}.";

        foreach (var forbidden in rule.NeverReaches)
        {
            if (PathTo(project, forbidden, byName) is not { } path) continue;
            var reportedAbove = path.Count == 2 && rule.MayReference is { } direct && !direct.Any(a => ReferenceRule.Matches(a, path[1]));
            if (!reportedAbove)
                yield return $"{project.Name} depends on {path[^1]} ({string.Join(" -> ", path)}), and never may: {rule.Why}.";
        }
    }

    /// <summary>The shortest chain of project references from <paramref name="from"/> to a project matching
    /// <paramref name="target"/>, or null when there is none.</summary>
    private static List<string>? PathTo(ProjectFile from, string target, IReadOnlyDictionary<string, ProjectFile> byName)
    {
        var cameFrom = new Dictionary<string, string?>(StringComparer.Ordinal) { [from.Name] = null };
        var queue = new Queue<string>([from.Name]);
        while (queue.TryDequeue(out var current))
        {
            if (current != from.Name && ReferenceRule.Matches(target, current))
            {
                var path = new List<string>();
                for (string? step = current; step is not null; step = cameFrom[step]) path.Insert(0, step);
                return path;
            }
            foreach (var next in byName.TryGetValue(current, out var project) ? project.ProjectReferences : [])
                if (cameFrom.TryAdd(next, current)) queue.Enqueue(next);
        }
        return null;
    }
}
