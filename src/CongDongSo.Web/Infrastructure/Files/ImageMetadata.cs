using System.Buffers.Binary;

namespace CongDongSo.Web.Infrastructure.Files;

/// <summary>
/// Removes the metadata a phone writes into a photo: EXIF (GPS position, camera, time) and XMP,
/// IPTC, PNG text chunks. The pixels are not touched (no re-encoding): the segments and chunks
/// are dropped. A JPEG keeps its orientation, rewritten as the only EXIF tag, so a photo taken
/// upright still shows upright.
/// </summary>
public static class ImageMetadata
{
    private const ushort OrientationTag = 0x0112;

    /// <summary>The content without its metadata; a PDF is returned as it is.</summary>
    /// <exception cref="InvalidDataException">The image's structure is broken.</exception>
    public static byte[] Strip(byte[] content, UploadKind kind) => kind switch
    {
        UploadKind.Jpeg => StripJpeg(content),
        UploadKind.Png => StripPng(content),
        UploadKind.Webp => StripWebp(content),
        _ => content,
    };

    private static byte[] StripJpeg(byte[] data)
    {
        using var output = new MemoryStream(data.Length);
        output.Write(data, 0, 2); // SOI
        ushort? orientation = null;
        var segments = new List<(int Start, int Length)>();
        var pos = 2;
        var rest = -1;
        while (pos < data.Length)
        {
            if (data[pos] != 0xFF)
            {
                throw new InvalidDataException("JPEG marker expected.");
            }
            var start = pos;
            while (pos < data.Length && data[pos] == 0xFF)
            {
                pos++;
            }
            if (pos >= data.Length)
            {
                throw new InvalidDataException("JPEG ends inside a marker.");
            }
            var marker = data[pos++];
            if (marker is 0xD9 or 0xDA)
            {
                // End of image, or start of scan: the compressed pixels follow to the end, kept as they are.
                rest = start;
                break;
            }
            if (marker is 0x01 or (>= 0xD0 and <= 0xD7))
            {
                segments.Add((start, pos - start));
                continue;
            }
            if (pos + 2 > data.Length)
            {
                throw new InvalidDataException("JPEG segment without a length.");
            }
            var length = BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(pos));
            if (length < 2 || pos + length > data.Length)
            {
                throw new InvalidDataException("JPEG segment runs past the end.");
            }
            var payload = data.AsSpan(pos + 2, length - 2);
            pos += length;
            switch (marker)
            {
                case 0xE1: // APP1: EXIF or XMP
                    if (payload.StartsWith("Exif\0\0"u8))
                    {
                        orientation ??= ReadOrientation(payload[6..]);
                    }
                    continue;
                case 0xED: // APP13: Photoshop / IPTC
                    continue;
                default:
                    segments.Add((start, pos - start));
                    break;
            }
        }
        if (rest < 0)
        {
            throw new InvalidDataException("JPEG without image data.");
        }
        // JFIF's APP0 stays first when there is one; the orientation goes right after it.
        var first = segments.Count > 0 && data[segments[0].Start + 1] == 0xE0 ? 1 : 0;
        for (var i = 0; i < first; i++)
        {
            output.Write(data, segments[i].Start, segments[i].Length);
        }
        if (orientation is { } turn and not 1)
        {
            output.Write(OrientationOnlyExif(turn));
        }
        foreach (var (start, length) in segments.Skip(first))
        {
            output.Write(data, start, length);
        }
        output.Write(data, rest, data.Length - rest);
        return output.ToArray();
    }

    /// <summary>The orientation tag of IFD0 in a TIFF block, if it is there and readable.</summary>
    private static ushort? ReadOrientation(ReadOnlySpan<byte> tiff)
    {
        if (tiff.Length < 8)
        {
            return null;
        }
        var little = tiff[0] == (byte)'I' && tiff[1] == (byte)'I';
        if (!little && !(tiff[0] == (byte)'M' && tiff[1] == (byte)'M'))
        {
            return null;
        }
        ushort U16(ReadOnlySpan<byte> s) => little ? BinaryPrimitives.ReadUInt16LittleEndian(s) : BinaryPrimitives.ReadUInt16BigEndian(s);
        uint U32(ReadOnlySpan<byte> s) => little ? BinaryPrimitives.ReadUInt32LittleEndian(s) : BinaryPrimitives.ReadUInt32BigEndian(s);
        var ifd = U32(tiff[4..]);
        if (ifd > tiff.Length - 2)
        {
            return null;
        }
        var count = U16(tiff[(int)ifd..]);
        for (var i = 0; i < count; i++)
        {
            var entry = (int)ifd + 2 + (i * 12);
            if (entry + 12 > tiff.Length)
            {
                return null;
            }
            if (U16(tiff[entry..]) == OrientationTag && U16(tiff[(entry + 2)..]) == 3)
            {
                var value = U16(tiff[(entry + 8)..]);
                return value is >= 1 and <= 8 ? value : null;
            }
        }
        return null;
    }

    /// <summary>An APP1 segment whose EXIF holds the orientation and nothing else.</summary>
    private static byte[] OrientationOnlyExif(ushort orientation)
    {
        var segment = new byte[2 + 2 + 32];
        var s = segment.AsSpan();
        s[0] = 0xFF;
        s[1] = 0xE1;
        BinaryPrimitives.WriteUInt16BigEndian(s[2..], 34);
        "Exif\0\0"u8.CopyTo(s[4..]);
        var tiff = s[10..];
        "MM"u8.CopyTo(tiff);
        BinaryPrimitives.WriteUInt16BigEndian(tiff[2..], 42);
        BinaryPrimitives.WriteUInt32BigEndian(tiff[4..], 8);
        BinaryPrimitives.WriteUInt16BigEndian(tiff[8..], 1);
        BinaryPrimitives.WriteUInt16BigEndian(tiff[10..], OrientationTag);
        BinaryPrimitives.WriteUInt16BigEndian(tiff[12..], 3);
        BinaryPrimitives.WriteUInt32BigEndian(tiff[14..], 1);
        BinaryPrimitives.WriteUInt16BigEndian(tiff[18..], orientation);
        BinaryPrimitives.WriteUInt32BigEndian(tiff[22..], 0);
        return segment;
    }

    private static readonly HashSet<string> s_pngMetadata = ["eXIf", "tEXt", "zTXt", "iTXt", "tIME"];

    private static byte[] StripPng(byte[] data)
    {
        using var output = new MemoryStream(data.Length);
        output.Write(data, 0, 8);
        var pos = 8;
        while (pos < data.Length)
        {
            if (pos + 12 > data.Length)
            {
                throw new InvalidDataException("PNG chunk cut short.");
            }
            var length = BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(pos));
            if (length > data.Length - pos - 12)
            {
                throw new InvalidDataException("PNG chunk runs past the end.");
            }
            var type = System.Text.Encoding.ASCII.GetString(data, pos + 4, 4);
            var total = 12 + (int)length;
            if (!s_pngMetadata.Contains(type))
            {
                output.Write(data, pos, total);
            }
            pos += total;
            if (type == "IEND")
            {
                break;
            }
        }
        return output.ToArray();
    }

    private static byte[] StripWebp(byte[] data)
    {
        using var output = new MemoryStream(data.Length);
        output.Write(data, 0, 12);
        var pos = 12;
        while (pos + 8 <= data.Length)
        {
            var type = System.Text.Encoding.ASCII.GetString(data, pos, 4);
            var length = BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(pos + 4));
            var padded = length + (length & 1);
            if (padded > data.Length - pos - 8)
            {
                throw new InvalidDataException("WebP chunk runs past the end.");
            }
            var total = 8 + (int)padded;
            if (type is not ("EXIF" or "XMP "))
            {
                var at = (int)output.Position;
                output.Write(data, pos, total);
                if (type == "VP8X" && length > 0)
                {
                    // The extended header says which metadata chunks follow: none any more.
                    output.GetBuffer()[at + 8] &= unchecked((byte)~0x0C);
                }
            }
            pos += total;
        }
        var bytes = output.ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), (uint)(bytes.Length - 8));
        return bytes;
    }
}
