namespace FlashSale.Hosting.Configuration;

/// <summary>Whether the embedded stores could create their files here, found out without creating them.</summary>
internal static class WritableDirectory
{
    public static string? Problem(string directory)
    {
        string full;
        try
        {
            full = Path.GetFullPath(directory);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return "is not a valid path";
        }
        if (File.Exists(full)) return "is a file";
        // A directory that does not exist yet is created at start: its nearest existing parent must be writable.
        var existing = full;
        while (!Directory.Exists(existing))
            existing = Path.GetDirectoryName(existing) ?? throw new InvalidOperationException($"No existing parent of {full}.");
        var probe = Path.Combine(existing, $".flashsale-write-check-{Guid.NewGuid():N}");
        try
        {
            using (File.Create(probe, 1, FileOptions.DeleteOnClose)) { }
            return null;
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            return existing == full ? "is not writable" : $"cannot be created ('{existing}' is not writable)";
        }
    }
}
