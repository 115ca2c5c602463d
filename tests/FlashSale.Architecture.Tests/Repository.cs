using System.Xml.Linq;

namespace FlashSale.Architecture.Tests;

/// <summary>The projects of this repository whose references the rules govern: everything under src/ and projections/.</summary>
public static class Repository
{
    public static readonly string Root = FindRoot();

    public static IReadOnlyList<ProjectFile> GovernedProjects { get; } =
        [.. new[] { "src", "projections" }.SelectMany(folder => Directory.EnumerateFiles(Path.Combine(Root, folder), "*.csproj", SearchOption.AllDirectories))
            .Where(path => !path.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .Select(Load)
            .OrderBy(p => p.Name, StringComparer.Ordinal)];

    private static ProjectFile Load(string path) =>
        ProjectFile.Parse(Path.GetFileNameWithoutExtension(path), XDocument.Load(path), InheritedPackages(path));

    /// <summary>Package references from every Directory.Build.props between the project and the repository root.</summary>
    private static IEnumerable<string> InheritedPackages(string projectPath)
    {
        for (var directory = Path.GetDirectoryName(projectPath); directory is not null && directory.Length >= Root.Length;
             directory = Path.GetDirectoryName(directory))
        {
            var props = Path.Combine(directory, "Directory.Build.props");
            if (!File.Exists(props)) continue;
            foreach (var package in ProjectFile.Parse("props", XDocument.Load(props)).PackageReferences) yield return package;
        }
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "FlashSale.EventSourced.sln"))) return directory.FullName;
        throw new InvalidOperationException($"No FlashSale.EventSourced.sln above {AppContext.BaseDirectory}.");
    }
}
