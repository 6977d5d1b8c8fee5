using CongDongSo.Tests.Infrastructure;
using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Privacy;

namespace CongDongSo.Tests.Features.Security;

/// <summary>SECURITY.md, storage: the database, its WAL, the key ring and the secrets are the app user's alone.</summary>
public sealed class FilesOnDiskTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [DbFact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Every_folder_is_0700_and_every_file_0600_under_the_data_folder()
    {
        await app.WithDbAsync(async db =>
        {
            db.Affiliations.Add(new Affiliation { Name = "Hội Cựu chiến binh – ghi thử" });
            await db.SaveChangesAsync(); // a write, so the WAL exists
        });

        var entries = Directory.EnumerateFileSystemEntries(app.Database.Folder, "*", SearchOption.AllDirectories).Prepend(app.Database.Folder).ToList();

        Assert.Contains(entries, e => e.EndsWith(Path.Combine("keys"), StringComparison.Ordinal));
        Assert.Contains(entries, e => e.EndsWith(Path.Combine("secrets", "keyring.pfx"), StringComparison.Ordinal));
        if (TestDatabase.Provider == DatabaseProvider.Sqlite)
        {
            Assert.Contains(entries, e => e.EndsWith("test.db-wal", StringComparison.Ordinal));
        }
        var open = entries.Select(e => (Path: e, Mode: File.GetUnixFileMode(e), Folder: Directory.Exists(e)))
            .Where(e => e.Mode != (e.Folder ? OwnerOnlyFolder : OwnerOnlyFile))
            .Select(e => $"{Path.GetRelativePath(app.Database.Folder, e.Path)}: {e.Mode}");
        Assert.Equal([], open);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void An_existing_world_readable_file_and_folder_are_narrowed()
    {
        var folder = Directory.CreateTempSubdirectory("cds-mode-").FullName;
        try
        {
            File.SetUnixFileMode(folder, OwnerOnlyFolder | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
            var file = Path.Combine(folder, "old.db");
            File.WriteAllText(file, "");
            File.SetUnixFileMode(file, OwnerOnlyFile | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

            PrivateFiles.Folder(folder);
            PrivateFiles.Ensure(file);
            PrivateFiles.Ensure(Path.Combine(folder, "new.db"));

            Assert.Equal(OwnerOnlyFolder, File.GetUnixFileMode(folder));
            Assert.Equal(OwnerOnlyFile, File.GetUnixFileMode(file));
            Assert.Equal(OwnerOnlyFile, File.GetUnixFileMode(Path.Combine(folder, "new.db")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
