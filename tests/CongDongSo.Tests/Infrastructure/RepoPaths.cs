namespace CongDongSo.Tests.Infrastructure;

/// <summary>Where the repository and the shared data beside it are, found from the test binaries.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The shared test data folder beside the repository (never copied into it).</summary>
    public static string SharedData => Path.GetFullPath(Path.Combine(Root, "..", "shared", "data"));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CongDongSo.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("CongDongSo.slnx not found above " + AppContext.BaseDirectory);
    }
}
