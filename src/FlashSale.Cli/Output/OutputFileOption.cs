using System.CommandLine;

namespace FlashSale.Cli.Output;

/// <summary>An option naming a file the command writes: its directory must exist, or the command is a usage error
/// (exit 2) naming the path as the user typed it, before any store is opened or any file created.</summary>
public static class OutputFileOption
{
    public static Option<FileInfo?> Create(string name, string alias, string description)
    {
        var option = new Option<FileInfo?>(name, alias) { Description = description, HelpName = "file" };
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count != 1) return;
            var given = result.Tokens[0].Value;
            if (Problem(given) is { } problem) result.AddError($"{name} '{given}': {problem}");
        });
        return option;
    }

    public static string? Problem(string given)
    {
        string full;
        try
        {
            full = Path.GetFullPath(given);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return "is not a valid path.";
        }
        if (Directory.Exists(full)) return "is a directory; give a file name in it.";
        var directory = Path.GetDirectoryName(full);
        if (directory is null || Directory.Exists(directory)) return null;
        var typed = Path.GetDirectoryName(given);
        return $"the directory '{(string.IsNullOrEmpty(typed) ? directory : typed)}' does not exist (create it first).";
    }
}
