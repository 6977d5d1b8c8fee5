using System.Text.RegularExpressions;
using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Privacy;

namespace CongDongSo.Web.Infrastructure.Files;

/// <summary>
/// Uploaded files on disk, in the data folder (never under wwwroot): one folder per commune, a
/// random name the server makes (a user's file name is never part of a path), owner-only modes.
/// What a file is and who may read it is kept in the database by the feature that stores it; the
/// store only knows keys such as <c>12/0195c1…e4.jpg</c>.
/// </summary>
public sealed partial class PrivateFileStore(IConfiguration configuration)
{
    private readonly string _root = PrivateFiles.Folder(Path.Combine(configuration.DataDirectory(), "files"));

    /// <summary>Writes a checked upload and returns its key. The file appears whole or not at all.</summary>
    public async Task<string> SaveAsync(int communeId, CheckedUpload upload, CancellationToken cancellationToken = default)
    {
        var key = $"{communeId}/{Guid.CreateVersion7():N}.{Uploads.ExtensionOf(upload.Kind)}";
        var path = PathOf(key);
        PrivateFiles.Folder(Path.GetDirectoryName(path)!);
        var temporary = path + ".part";
        await File.WriteAllBytesAsync(temporary, upload.Content, cancellationToken);
        PrivateFiles.Narrow(temporary);
        File.Move(temporary, path);
        return key;
    }

    /// <summary>
    /// Writes the upload, then runs <paramref name="keep"/> with its key (the row that points at it saved);
    /// when that throws, the file is deleted again: no file without its row.
    /// </summary>
    public async Task<T> SaveWithAsync<T>(int communeId, CheckedUpload upload, Func<string, Task<T>> keep, CancellationToken cancellationToken = default)
    {
        var key = await SaveAsync(communeId, upload, cancellationToken);
        try
        {
            return await keep(key);
        }
        catch
        {
            Delete(key);
            throw;
        }
    }

    /// <summary>The stored file, or null when the key is not one this store made or the file is gone.</summary>
    public Stream? OpenRead(string key)
    {
        if (!KeyShape().IsMatch(key))
        {
            return null;
        }
        var path = PathOf(key);
        return File.Exists(path) ? File.OpenRead(path) : null;
    }

    public void Delete(string key)
    {
        if (KeyShape().IsMatch(key))
        {
            File.Delete(PathOf(key));
        }
    }

    private string PathOf(string key) => Path.Combine(_root, key.Replace('/', Path.DirectorySeparatorChar));

    [GeneratedRegex("^[0-9]{1,9}/[0-9a-f]{32}\\.(pdf|jpg|png|webp)$")]
    private static partial Regex KeyShape();
}
