using System.Buffers.Binary;

namespace Shuzhi.Web.Features;

/// <summary>
/// Photo evidence for score sheets: a JPEG or PNG recognized by its CONTENT (signature and structure, never the name),
/// rebuilt without metadata. JPEG: the markers are walked segment by segment; APP1–APP15 (EXIF, XMP, ICC, …) and COM
/// are dropped, APP0 (JFIF), tables, frame and scan data are kept, anything after EOI is dropped. PNG: the chunks are
/// walked with their CRCs; critical chunks and a few safe ancillary ones (transparency, colour, pixel size) are kept,
/// text, EXIF, time and every other chunk are dropped, anything after IEND is dropped. A file that fails is refused.
/// </summary>
public static class ImageEvidence
{
    public const long MaxBytes = 8 * 1024 * 1024;
    public const int MaxPerSheet = 10;
    public const int MaxDimension = 20000;

    public sealed record Cleaned(byte[] Content, string ContentType, string Extension, int Width, int Height);

    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly HashSet<string> PngKept = ["IHDR", "PLTE", "IDAT", "IEND", "tRNS", "gAMA", "cHRM", "sRGB", "pHYs", "sBIT", "bKGD"];

    /// <summary>The image without metadata; throws DomainException("Sheets.PhotoInvalid") when it is neither a sound JPEG nor PNG.</summary>
    public static Cleaned Clean(ReadOnlySpan<byte> data)
    {
        if (data.Length > MaxBytes) throw new DomainException("Sheets.PhotoTooLarge", MaxBytes / 1024 / 1024);
        var result = data.Length >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF ? Jpeg(data)
            : data.Length >= 8 && data[..8].SequenceEqual(PngSignature) ? Png(data)
            : null;
        if (result is null || result.Width < 1 || result.Height < 1 || result.Width > MaxDimension || result.Height > MaxDimension)
            throw new DomainException("Sheets.PhotoInvalid");
        return result;
    }

    private static Cleaned? Jpeg(ReadOnlySpan<byte> d)
    {
        using var output = new MemoryStream(d.Length);
        output.Write([0xFF, 0xD8]);
        var i = 2;
        int width = 0, height = 0;
        bool frame = false, scan = false;
        while (true)
        {
            if (i >= d.Length || d[i] != 0xFF) return null;
            while (i < d.Length && d[i] == 0xFF) i++; // fill bytes
            if (i >= d.Length) return null;
            var marker = d[i++];
            if (marker == 0xD9) // EOI: the end; trailing bytes are dropped
            {
                if (!frame || !scan) return null;
                output.Write([0xFF, 0xD9]);
                return new Cleaned(output.ToArray(), "image/jpeg", ".jpg", width, height);
            }
            if (marker is 0x00 or 0xD8 or (>= 0xD0 and <= 0xD7) or 0x01) return null; // no segment may start so here
            if (i + 2 > d.Length) return null;
            var length = BinaryPrimitives.ReadUInt16BigEndian(d[i..]);
            if (length < 2 || i + length > d.Length) return null;
            var segment = d.Slice(i - 2, length + 2);
            var body = d.Slice(i + 2, length - 2);
            i += length;
            var drop = marker is (>= 0xE1 and <= 0xEF) or 0xFE;
            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
            {
                if (body.Length < 6) return null;
                height = BinaryPrimitives.ReadUInt16BigEndian(body[1..]);
                width = BinaryPrimitives.ReadUInt16BigEndian(body[3..]);
                frame = true;
            }
            if (!drop)
            {
                output.WriteByte(0xFF);
                output.Write(segment[1..]);
            }
            if (marker == 0xDA)
            {
                if (!frame) return null;
                scan = true;
                // Entropy-coded data: up to the next marker that is neither stuffing (FF 00) nor a restart (FF D0–D7).
                var start = i;
                while (true)
                {
                    if (i + 1 >= d.Length) return null;
                    if (d[i] == 0xFF && d[i + 1] != 0x00 && d[i + 1] is not (>= 0xD0 and <= 0xD7) && d[i + 1] != 0xFF) break;
                    i++;
                }
                output.Write(d[start..i]);
            }
        }
    }

    private static Cleaned? Png(ReadOnlySpan<byte> d)
    {
        using var output = new MemoryStream(d.Length);
        output.Write(PngSignature);
        var i = 8;
        var first = true;
        bool data = false;
        int width = 0, height = 0;
        while (true)
        {
            if (i + 12 > d.Length) return null;
            var length = BinaryPrimitives.ReadUInt32BigEndian(d[i..]);
            if (length > int.MaxValue || i + 12 + (long)length > d.Length) return null;
            var typeBytes = d.Slice(i + 4, 4);
            foreach (var b in typeBytes) if (b is not ((>= (byte)'A' and <= (byte)'Z') or (>= (byte)'a' and <= (byte)'z'))) return null;
            var type = System.Text.Encoding.ASCII.GetString(typeBytes);
            var chunk = d.Slice(i, 12 + (int)length);
            var crc = BinaryPrimitives.ReadUInt32BigEndian(d[(i + 8 + (int)length)..]);
            if (Crc32(d.Slice(i + 4, 4 + (int)length)) != crc) return null;
            i += 12 + (int)length;
            if (first)
            {
                if (type != "IHDR" || length != 13) return null;
                width = (int)Math.Min(int.MaxValue, BinaryPrimitives.ReadUInt32BigEndian(d[16..]));
                height = (int)Math.Min(int.MaxValue, BinaryPrimitives.ReadUInt32BigEndian(d[20..]));
                first = false;
            }
            else if (type == "IHDR") return null;
            var critical = char.IsUpper(type[0]);
            if (critical && !PngKept.Contains(type)) return null; // an unknown critical chunk: not an image we can vouch for
            if (type == "IDAT") data = true;
            if (PngKept.Contains(type)) output.Write(chunk);
            if (type == "IEND") return data ? new Cleaned(output.ToArray(), "image/png", ".png", width, height) : null;
        }
    }

    private static readonly uint[] CrcTable = Enumerable.Range(0, 256).Select(n =>
    {
        var c = (uint)n;
        for (var k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        return c;
    }).ToArray();

    /// <summary>The CRC-32 of PNG chunks (ISO 3309, as in the PNG specification).</summary>
    public static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var c = 0xFFFFFFFFu;
        foreach (var b in bytes) c = CrcTable[(c ^ b) & 0xFF] ^ (c >> 8);
        return c ^ 0xFFFFFFFFu;
    }
}
