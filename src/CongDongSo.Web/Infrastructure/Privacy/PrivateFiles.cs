using System.Runtime.InteropServices;

namespace CongDongSo.Web.Infrastructure.Privacy;

/// <summary>
/// The app's files on disk hold personal data and keys: folders 0700, files 0600, readable by the
/// app's own user only (SECURITY.md, storage). On Windows the folder's inherited ACL applies.
/// </summary>
public static class PrivateFiles
{
    private const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>
    /// Files the process creates from now on get no group or other bits (umask 077): SQLite's WAL and
    /// shared-memory files, the key ring's files, temporary files. Called once at start-up.
    /// </summary>
    public static void RestrictNewFiles()
    {
        if (!OperatingSystem.IsWindows())
        {
            _ = Umask(0b000_111_111);
        }
    }

    /// <summary>Creates the folder 0700, or narrows an existing one to 0700; returns its full path.</summary>
    public static string Folder(string path)
    {
        var full = Path.GetFullPath(path);
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(full);
        }
        else if (!Directory.Exists(full))
        {
            Directory.CreateDirectory(full, FolderMode);
        }
        else if (File.GetUnixFileMode(full) != FolderMode)
        {
            File.SetUnixFileMode(full, FolderMode);
        }
        return full;
    }

    /// <summary>Narrows an existing file to 0600; nothing when it does not exist.</summary>
    public static void Narrow(string path)
    {
        if (!OperatingSystem.IsWindows() && File.Exists(path) && File.GetUnixFileMode(path) != FileMode)
        {
            File.SetUnixFileMode(path, FileMode);
        }
    }

    /// <summary>Creates an empty file 0600 when missing (so whoever writes it later keeps the mode), else narrows it.</summary>
    public static void Ensure(string path)
    {
        if (OperatingSystem.IsWindows() || File.Exists(path))
        {
            Narrow(path);
            return;
        }
        try
        {
            using var _ = new FileStream(path, new FileStreamOptions { Mode = System.IO.FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = FileMode });
        }
        catch (IOException) when (File.Exists(path))
        {
            Narrow(path); // created by another instance in between
        }
    }

    // SYSLIB1054 (use LibraryImport): its generator needs unsafe code for the whole project; a
    // blittable uint → uint call needs no marshalling stub, so DllImport is the same call.
#pragma warning disable SYSLIB1054
    [DllImport("libc", EntryPoint = "umask")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern uint Umask(uint mask);
#pragma warning restore SYSLIB1054
}
