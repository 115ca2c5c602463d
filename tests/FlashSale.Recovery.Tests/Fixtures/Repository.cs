namespace FlashSale.Recovery.Tests.Fixtures;

public static class Repository
{
    /// <summary>The repository root: the first directory above the tests holding the solution.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The CLI in its own build output (same configuration as the tests), run there exactly as deployed: next to
    /// the tests its deps would name packages this ASP.NET Core test host takes from the shared framework instead.</summary>
    public static string CliAssembly
    {
        get
        {
            var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var path = Path.Combine(Root, "src", "FlashSale.Cli", "bin", framework.Parent!.Name, framework.Name, "flashsale.dll");
            File.Exists(path).ShouldBeTrue($"{path} should have been built by the project reference");
            return path;
        }
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "FlashSale.EventSourced.sln"))) return directory.FullName;
        throw new InvalidOperationException($"No FlashSale.EventSourced.sln above {AppContext.BaseDirectory}.");
    }
}
