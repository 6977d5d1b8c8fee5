using CongDongSo.Web.Infrastructure.Localization;
using Microsoft.Extensions.Localization;

namespace CongDongSo.Web.Infrastructure.Files;

/// <summary>The kinds of file a user may upload (certificates, photos), told apart by their content.</summary>
public enum UploadKind
{
    Pdf = 1,
    Jpeg = 2,
    Png = 3,
    Webp = 4,
}

/// <summary>What one upload field accepts: the kinds and the size of one file.</summary>
public sealed record UploadRules(IReadOnlySet<UploadKind> Kinds, long MaxBytes)
{
    public const long MiB = 1024 * 1024;

    /// <summary>A certificate: a PDF or a photo of it, up to 10 MiB.</summary>
    public static readonly UploadRules Certificate = new(new HashSet<UploadKind> { UploadKind.Pdf, UploadKind.Jpeg, UploadKind.Png, UploadKind.Webp }, 10 * MiB);

    /// <summary>A photo of an activity, up to 10 MiB.</summary>
    public static readonly UploadRules Photo = new(new HashSet<UploadKind> { UploadKind.Jpeg, UploadKind.Png, UploadKind.Webp }, 10 * MiB);
}

/// <summary>An upload checked and cleaned: its bytes (metadata that could locate a person removed) and kind.</summary>
public sealed record CheckedUpload(byte[] Content, UploadKind Kind)
{
    public string ContentType => Uploads.ContentTypeOf(Kind);
}

/// <summary>
/// The checks every upload goes through before it is stored: the size first (read no further than
/// the limit), then the kind from the first bytes, never from the name or the browser's type, then
/// the metadata of photos (EXIF, XMP: GPS position, camera, time) stripped.
/// </summary>
public static class Uploads
{
    public static string ContentTypeOf(UploadKind kind) => kind switch
    {
        UploadKind.Pdf => "application/pdf",
        UploadKind.Jpeg => "image/jpeg",
        UploadKind.Png => "image/png",
        UploadKind.Webp => "image/webp",
        _ => "application/octet-stream",
    };

    public static string ExtensionOf(UploadKind kind) => kind switch
    {
        UploadKind.Pdf => "pdf",
        UploadKind.Jpeg => "jpg",
        UploadKind.Png => "png",
        UploadKind.Webp => "webp",
        _ => "bin",
    };

    /// <summary>The kind the content is, whatever the file is called; null for anything else.</summary>
    public static UploadKind? Sniff(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("%PDF-"u8))
        {
            return UploadKind.Pdf;
        }
        if (head.Length >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF)
        {
            return UploadKind.Jpeg;
        }
        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return UploadKind.Png;
        }
        if (head.Length >= 12 && head[..4].SequenceEqual("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8))
        {
            return UploadKind.Webp;
        }
        return null;
    }

    /// <summary>
    /// Reads and checks one file of a field. <paramref name="field"/> is the label the user sees,
    /// so the message names it; the error is null when the upload is good.
    /// </summary>
    public static async Task<(CheckedUpload? Upload, string? Error)> CheckAsync(Stream content, string fileName, string field, UploadRules rules,
        IStringLocalizer<SharedResource> l, CancellationToken cancellationToken = default)
    {
        var name = Path.GetFileName(fileName);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > rules.MaxBytes)
            {
                return (null, l["{0}: tệp “{1}” lớn hơn {2} MB cho phép.", field, name, rules.MaxBytes / UploadRules.MiB]);
            }
            buffer.Write(chunk, 0, read);
        }
        if (buffer.Length == 0)
        {
            return (null, l["{0}: tệp “{1}” trống.", field, name]);
        }
        var bytes = buffer.ToArray();
        var kind = Sniff(bytes);
        if (kind is null || !rules.Kinds.Contains(kind.Value))
        {
            var allowed = string.Join(", ", rules.Kinds.Order().Select(k => k.ToString().ToUpperInvariant()));
            return (null, l["{0}: tệp “{1}” không phải {2} (kiểm tra theo nội dung tệp, không theo tên).", field, name, allowed]);
        }
        try
        {
            return (new CheckedUpload(ImageMetadata.Strip(bytes, kind.Value), kind.Value), null);
        }
        catch (InvalidDataException)
        {
            return (null, l["{0}: tệp “{1}” bị hỏng, không đọc được.", field, name]);
        }
    }
}
