using System.Text.Json;
using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Imports;
using CongDongSo.Web.Infrastructure.Privacy;
using CongDongSo.Web.Infrastructure.Text;

namespace CongDongSo.Web.Features.Imports;

/// <summary>An uploaded sheet waiting for its mapping and run: who uploaded it, for which commune and kind.</summary>
public sealed record ImportUpload(string Token, Guid OwnerId, int CommuneId, ImportKind Kind, string FileName, int HeaderRow, string[] Headers)
{
    internal string Path { get; init; } = "";
}

/// <summary>
/// Uploaded sheets between the upload and the run (SECURITY.md, uploads): kept outside the web root
/// in the app's data folder, readable by the app's user only, under a generated name; the person's
/// file name is only shown back. Deleted after the run, or after <see cref="Lifetime"/> when abandoned.
/// </summary>
public sealed class ImportUploads(IConfiguration configuration)
{
    public const long MaxBytes = 50L * 1024 * 1024;
    /// <summary>The upload limit plus room for the form's other fields and the multipart framing.</summary>
    public const long RequestLimit = MaxBytes + (64 * 1024);
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);

    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = false };

    private string Folder
    {
        get
        {
            return PrivateFiles.Folder(System.IO.Path.Combine(configuration.DataDirectory(), "imports"));
        }
    }

    /// <summary>Stores the upload after checking it by its content and finding its header row.</summary>
    public async Task<(ImportUpload? Upload, ImportError? Error)> SaveAsync(Stream content, string? fileName, Guid ownerId, int communeId, ImportKind kind,
        CancellationToken cancellationToken)
    {
        Sweep();
        var token = Guid.NewGuid().ToString("N");
        var path = DataPath(token);
        var error = await SheetReader.SaveAsync(content, path, MaxBytes, cancellationToken);
        if (error is not null)
        {
            return (null, error);
        }
        using (var reader = SheetReader.OpenFile(path, ImportPopulation.MaxRows, out error))
        {
            var header = reader is null ? null : ImportFields.FindHeader(reader, kind);
            if (header is null)
            {
                error ??= reader?.Error ?? new ImportError(null, null, "Tệp không có dữ liệu.");
            }
            else
            {
                var name = System.IO.Path.GetFileName(fileName ?? "");
                var upload = new ImportUpload(token, ownerId, communeId, kind, name.Length > 100 ? name[..100] : name, header.Number,
                    [.. header.Cells.Select(c => VietnameseText.Clean(c) ?? "")]) { Path = path };
                await File.WriteAllTextAsync(InfoPath(token), JsonSerializer.Serialize(upload, s_json), cancellationToken);
                return (upload, null);
            }
        }
        File.Delete(path);
        return (null, error);
    }

    /// <summary>The upload of <paramref name="token"/> when it is <paramref name="ownerId"/>'s own; null otherwise.</summary>
    public ImportUpload? Find(string? token, Guid? ownerId)
    {
        if (token is not { Length: 32 } || !token.All(char.IsAsciiHexDigitLower) || ownerId is null)
        {
            return null;
        }
        var info = InfoPath(token);
        if (!File.Exists(info) || !File.Exists(DataPath(token)))
        {
            return null;
        }
        var upload = JsonSerializer.Deserialize<ImportUpload>(File.ReadAllText(info), s_json);
        return upload is not null && upload.OwnerId == ownerId && upload.Token == token ? upload with { Path = DataPath(token) } : null;
    }

    public void Delete(ImportUpload upload)
    {
        File.Delete(DataPath(upload.Token));
        File.Delete(InfoPath(upload.Token));
    }

    private string DataPath(string token) => System.IO.Path.Combine(Folder, token + ".sheet");

    private string InfoPath(string token) => System.IO.Path.Combine(Folder, token + ".json");

    /// <summary>Abandoned uploads go after <see cref="Lifetime"/>, by the file system's clock (the files' own).</summary>
    private void Sweep()
    {
        var oldest = DateTime.UtcNow - Lifetime;
        foreach (var file in Directory.EnumerateFiles(Folder))
        {
            if (File.GetLastWriteTimeUtc(file) < oldest)
            {
                try
                {
                    File.Delete(file);
                }
                catch (IOException)
                {
                    // In use by a run right now: the next sweep takes it.
                }
            }
        }
    }
}
