using System.Buffers.Binary;
using System.Text;

namespace CongDongSo.Tests.Infrastructure;

/// <summary>Small images as phones write them, with the metadata (GPS, camera, XMP) uploads must remove.</summary>
public static class TestImages
{
    public static readonly byte[] Quantisation = [0xFF, 0xDB, 0x00, 0x06, 0x00, 0x11, 0x22, 0x33];

    /// <summary>A small JPEG as a phone writes it: JFIF, EXIF with make, orientation 6 and a GPS block, XMP, then the image.</summary>
    public static byte[] Jpeg(bool withGps)
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
        bytes.AddRange(Quantisation);
        bytes.AddRange(Segment(0xDA, [0x01, 0x01, 0x00, 0x00, 0x3F, 0x00]));
        bytes.AddRange([0x12, 0x34, 0xFF, 0x00, 0x56, 0xFF, 0xD9]);
        return [.. bytes];
    }

    public static byte[] Png()
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

    public static byte[] Webp()
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
}
