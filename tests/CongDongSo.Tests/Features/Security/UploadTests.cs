using System.Buffers.Binary;
using System.Text;
using CongDongSo.Tests.Infrastructure;
using CongDongSo.Web.Infrastructure.Files;
using CongDongSo.Web.Infrastructure.Localization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Localization;

namespace CongDongSo.Tests.Features.Security;

/// <summary>
/// Every upload (certificates, activity photos) is checked by content and size before it is kept,
/// photos lose the metadata that can place a person, and files live outside the web root under
/// names the server makes.
/// </summary>
public sealed class UploadTests
{
    /// <summary>The Vietnamese texts as written (the English ones are checked by EnglishResourceTests).</summary>
    private static readonly IStringLocalizer<SharedResource> s_l = new VietnameseTexts();

    [Theory]
    [InlineData("%PDF-1.7\n", UploadKind.Pdf)]
    [InlineData("\xFF\xD8\xFF\xE0", UploadKind.Jpeg)]
    [InlineData("\x89PNG\r\n\x1A\n", UploadKind.Png)]
    [InlineData("RIFF\0\0\0\0WEBPVP8 ", UploadKind.Webp)]
    public void The_kind_comes_from_the_first_bytes(string head, UploadKind kind) =>
        Assert.Equal(kind, Uploads.Sniff(Latin1(head)));

    [Fact]
    public async Task A_program_renamed_as_a_certificate_is_refused_with_the_field_and_the_file_named()
    {
        var exe = Latin1("MZ\x90\0\x03\0\0\0\x04\0\0\0\xFF\xFF\0\0" + new string('\0', 200));
        var (upload, error) = await Uploads.CheckAsync(new MemoryStream(exe), "chung-chi.pdf", "Chứng chỉ", UploadRules.Certificate, s_l);
        Assert.Null(upload);
        Assert.Equal("Chứng chỉ: tệp “chung-chi.pdf” không phải PDF, JPEG, PNG, WEBP (kiểm tra theo nội dung tệp, không theo tên).", error);

        var html = Encoding.UTF8.GetBytes("<!doctype html><script>alert(1)</script>");
        (upload, error) = await Uploads.CheckAsync(new MemoryStream(html), "anh.jpg", "Ảnh", UploadRules.Photo, s_l);
        Assert.Null(upload);
        Assert.Contains("không phải JPEG, PNG, WEBP", error);
        // A PDF is a certificate, not a photo.
        (upload, error) = await Uploads.CheckAsync(new MemoryStream(Latin1("%PDF-1.4\n%%EOF")), "anh.jpg", "Ảnh", UploadRules.Photo, s_l);
        Assert.Null(upload);
        Assert.NotNull(error);
    }

    [Fact]
    public async Task An_oversized_file_is_refused_with_the_limit_and_read_no_further_than_it()
    {
        var endless = new CountingStream(Latin1("%PDF-1.7\n"), totalLength: 50 * UploadRules.MiB);
        var (upload, error) = await Uploads.CheckAsync(endless, "/tmp/../ke-hoach.pdf", "Chứng chỉ", UploadRules.Certificate, s_l);
        Assert.Null(upload);
        Assert.Equal("Chứng chỉ: tệp “ke-hoach.pdf” lớn hơn 10 MB cho phép.", error);
        Assert.True(endless.Served <= UploadRules.Certificate.MaxBytes + 81920, $"read {endless.Served:N0} bytes");

        (upload, error) = await Uploads.CheckAsync(new MemoryStream(), "rong.pdf", "Chứng chỉ", UploadRules.Certificate, s_l);
        Assert.Null(upload);
        Assert.Equal("Chứng chỉ: tệp “rong.pdf” trống.", error);
    }

    [Fact]
    public async Task A_phone_photo_loses_its_gps_position_and_xmp_and_keeps_its_orientation_and_pixels()
    {
        var photo = TestImages.Jpeg(withGps: true);
        Assert.True(Contains(photo, "GPSLAT"u8) && Contains(photo, "adobe:xmp"u8), "the fixture carries the metadata");

        var (upload, error) = await Uploads.CheckAsync(new MemoryStream(photo), "IMG_0001.JPG", "Ảnh", UploadRules.Photo, s_l);

        Assert.Null(error);
        var clean = upload!.Content;
        Assert.Equal(UploadKind.Jpeg, upload.Kind);
        Assert.False(Contains(clean, "GPSLAT"u8), "the GPS block is still there");
        Assert.False(Contains(clean, "adobe:xmp"u8), "the XMP packet is still there");
        Assert.False(Contains(clean, "Nikon"u8), "the camera make is still there");
        // JFIF first, then an EXIF holding the orientation (6: turned 90°) alone.
        Assert.Equal(0xE0, clean[3]);
        var exif = IndexOf(clean, "Exif\0\0"u8);
        Assert.True(exif > 0);
        var tiff = clean.AsSpan(exif + 6);
        Assert.Equal(1, BinaryPrimitives.ReadUInt16BigEndian(tiff[8..]));
        Assert.Equal(0x0112, BinaryPrimitives.ReadUInt16BigEndian(tiff[10..]));
        Assert.Equal(6, BinaryPrimitives.ReadUInt16BigEndian(tiff[18..]));
        // The quantisation table and the compressed scan are byte for byte the same.
        Assert.True(Contains(clean, TestImages.Quantisation));
        Assert.Equal(photo[IndexOf(photo, [0xFF, 0xDA])..], clean[IndexOf(clean, [0xFF, 0xDA])..]);
    }

    [Fact]
    public void Png_text_and_exif_chunks_and_webp_metadata_chunks_are_dropped()
    {
        var png = TestImages.Png();
        var cleanPng = ImageMetadata.Strip(png, UploadKind.Png);
        Assert.True(Contains(png, "GPSLAT"u8));
        Assert.False(Contains(cleanPng, "GPSLAT"u8));
        Assert.False(Contains(cleanPng, "tEXt"u8));
        Assert.True(Contains(cleanPng, "IHDR"u8) && Contains(cleanPng, "IDAT"u8) && Contains(cleanPng, "IEND"u8));

        var webp = TestImages.Webp();
        var cleanWebp = ImageMetadata.Strip(webp, UploadKind.Webp);
        Assert.True(Contains(webp, "GPSLAT"u8));
        Assert.False(Contains(cleanWebp, "GPSLAT"u8));
        Assert.False(Contains(cleanWebp, "XMP "u8));
        Assert.Equal(cleanWebp.Length - 8, (int)BinaryPrimitives.ReadUInt32LittleEndian(cleanWebp.AsSpan(4)));
        Assert.Equal(0x10, cleanWebp[20]); // VP8X flags: alpha kept, EXIF and XMP bits cleared
        Assert.True(Contains(cleanWebp, "VP8L"u8));
    }

    [Fact]
    public void A_broken_photo_is_refused_not_stored()
    {
        var cut = TestImages.Jpeg(withGps: true)[..30];
        Assert.Throws<InvalidDataException>(() => ImageMetadata.Strip(cut, UploadKind.Jpeg));
    }

    [Fact]
    public async Task Files_are_kept_owner_only_under_names_the_server_makes_and_only_such_names_open()
    {
        var folder = Directory.CreateTempSubdirectory("cds-files-").FullName;
        try
        {
            var store = new PrivateFileStore(new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:DataDirectory"] = folder }).Build());
            var upload = new CheckedUpload(Latin1("%PDF-1.7\n%%EOF"), UploadKind.Pdf);

            var key = await store.SaveAsync(42, upload);

            Assert.Matches("^42/[0-9a-f]{32}\\.pdf$", key);
            var path = Path.Combine(folder, "files", "42", key[3..]);
            Assert.Equal(upload.Content, await File.ReadAllBytesAsync(path));
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(path)!));
            }
            await using (var read = store.OpenRead(key))
            {
                Assert.NotNull(read);
            }
            Assert.Null(store.OpenRead("42/../../keys/key.xml"));
            Assert.Null(store.OpenRead("../secrets/keyring.pfx"));
            Assert.Null(store.OpenRead(key.Replace(".pdf", ".html", StringComparison.Ordinal)));
            store.Delete(key);
            Assert.Null(store.OpenRead(key));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static byte[] Latin1(string text) => Encoding.Latin1.GetBytes(text);

    private static bool Contains(byte[] haystack, ReadOnlySpan<byte> needle) => haystack.AsSpan().IndexOf(needle) >= 0;

    private static int IndexOf(byte[] haystack, ReadOnlySpan<byte> needle) => haystack.AsSpan().IndexOf(needle);

    private sealed class VietnameseTexts : IStringLocalizer<SharedResource>
    {
        public LocalizedString this[string name] => new(name, name);

        public LocalizedString this[string name, params object[] arguments] =>
            new(name, string.Format(System.Globalization.CultureInfo.GetCultureInfo("vi-VN"), name, arguments));

        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => [];
    }

    /// <summary>A stream of <paramref name="totalLength"/> bytes that starts with <paramref name="head"/>, counting what it serves.</summary>
    private sealed class CountingStream(byte[] head, long totalLength) : Stream
    {
        public long Served { get; private set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, totalLength - Served);
            for (var i = 0; i < n; i++)
            {
                var at = Served + i;
                buffer[offset + i] = at < head.Length ? head[at] : (byte)'x';
            }
            Served += n;
            return n;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => totalLength;
        public override long Position { get => Served; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
