using System.Buffers.Binary;
using System.Text;
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
        var photo = Jpeg(withGps: true);
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
        Assert.True(Contains(clean, s_quantisation));
        Assert.Equal(photo[IndexOf(photo, [0xFF, 0xDA])..], clean[IndexOf(clean, [0xFF, 0xDA])..]);
    }

    [Fact]
    public void Png_text_and_exif_chunks_and_webp_metadata_chunks_are_dropped()
    {
        var png = Png();
        var cleanPng = ImageMetadata.Strip(png, UploadKind.Png);
        Assert.True(Contains(png, "GPSLAT"u8));
        Assert.False(Contains(cleanPng, "GPSLAT"u8));
        Assert.False(Contains(cleanPng, "tEXt"u8));
        Assert.True(Contains(cleanPng, "IHDR"u8) && Contains(cleanPng, "IDAT"u8) && Contains(cleanPng, "IEND"u8));

        var webp = Webp();
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
        var cut = Jpeg(withGps: true)[..30];
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

    private static readonly byte[] s_quantisation = [0xFF, 0xDB, 0x00, 0x06, 0x00, 0x11, 0x22, 0x33];

    /// <summary>A small JPEG as a phone writes it: JFIF, EXIF with make, orientation 6 and a GPS block, XMP, then the image.</summary>
    internal static byte[] Jpeg(bool withGps)
    {
        var tiff = new List<byte>();
        tiff.AddRange("II*\0"u8.ToArray());
        tiff.AddRange(LittleU32(8));
        var entries = withGps ? 3 : 2;
        tiff.AddRange(LittleU16((ushort)entries));
        var after = 8 + 2 + (entries * 12) + 4;
        tiff.AddRange(Entry(0x010F, 2, 6, (uint)after)); // Make → "Nikon\0"
        tiff.AddRange(Entry(0x0112, 3, 1, 6)); // Orientation 6
        if (withGps)
        {
            tiff.AddRange(Entry(0x8825, 4, 1, (uint)(after + 6))); // GPSInfo IFD
        }
        tiff.AddRange(LittleU32(0));
        tiff.AddRange("Nikon\0"u8.ToArray());
        tiff.AddRange("GPSLAT 16.0544N 108.2022E"u8.ToArray());
        var exif = "Exif\0\0"u8.ToArray().Concat(tiff).ToArray();
        var xmp = "http://ns.adobe.com/xap/1.0/\0<x:xmpmeta xmlns:x=\"adobe:xmp\"/>"u8.ToArray();
        var jfif = "JFIF\0\x01\x01\0\0\x01\0\x01\0\0"u8.ToArray();
        var bytes = new List<byte> { 0xFF, 0xD8 };
        bytes.AddRange(Segment(0xE0, jfif));
        bytes.AddRange(Segment(0xE1, exif));
        bytes.AddRange(Segment(0xE1, xmp));
        bytes.AddRange(s_quantisation);
        bytes.AddRange(Segment(0xDA, [0x01, 0x01, 0x00, 0x00, 0x3F, 0x00]));
        bytes.AddRange([0x12, 0x34, 0xFF, 0x00, 0x56, 0xFF, 0xD9]);
        return [.. bytes];
    }

    internal static byte[] Png()
    {
        var bytes = new List<byte> { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A };
        void Chunk(string type, byte[] data)
        {
            bytes.AddRange(BigU32((uint)data.Length));
            bytes.AddRange(Encoding.ASCII.GetBytes(type));
            bytes.AddRange(data);
            bytes.AddRange(BigU32(0)); // the CRC is not checked here
        }
        Chunk("IHDR", new byte[13]);
        Chunk("tEXt", "Comment\0GPSLAT 16.05N"u8.ToArray());
        Chunk("eXIf", "MM\0*GPSLAT"u8.ToArray());
        Chunk("IDAT", [1, 2, 3, 4]);
        Chunk("IEND", []);
        return [.. bytes];
    }

    private static byte[] Webp()
    {
        var body = new List<byte>();
        void Chunk(string type, byte[] data)
        {
            body.AddRange(Encoding.ASCII.GetBytes(type));
            body.AddRange(LittleU32((uint)data.Length));
            body.AddRange(data);
            if (data.Length % 2 == 1)
            {
                body.Add(0);
            }
        }
        Chunk("VP8X", [0x1C, 0, 0, 0, 0, 0, 0, 0, 0, 0]); // alpha, EXIF, XMP
        Chunk("VP8L", [0x2F, 0, 0, 0, 0]);
        Chunk("EXIF", "II*\0GPSLAT 16.05N"u8.ToArray());
        Chunk("XMP ", "<x:xmpmeta/>"u8.ToArray());
        var bytes = new List<byte>();
        bytes.AddRange("RIFF"u8.ToArray());
        bytes.AddRange(LittleU32((uint)(body.Count + 4)));
        bytes.AddRange("WEBP"u8.ToArray());
        bytes.AddRange(body);
        return [.. bytes];
    }

    private static byte[] Segment(byte marker, byte[] payload)
    {
        var length = BigU16((ushort)(payload.Length + 2));
        return [0xFF, marker, .. length, .. payload];
    }

    private static byte[] Entry(ushort tag, ushort type, uint count, uint value) => [.. LittleU16(tag), .. LittleU16(type), .. LittleU32(count), .. LittleU32(value)];

    private static byte[] LittleU16(ushort v) { var b = new byte[2]; BinaryPrimitives.WriteUInt16LittleEndian(b, v); return b; }

    private static byte[] LittleU32(uint v) { var b = new byte[4]; BinaryPrimitives.WriteUInt32LittleEndian(b, v); return b; }

    private static byte[] BigU16(ushort v) { var b = new byte[2]; BinaryPrimitives.WriteUInt16BigEndian(b, v); return b; }

    private static byte[] BigU32(uint v) { var b = new byte[4]; BinaryPrimitives.WriteUInt32BigEndian(b, v); return b; }

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
