using System.Buffers.Binary;
using System.Text;
using Shuzhi.Web.Features;

namespace Shuzhi.Web.Tests.Sheets;

/// <summary>Photo evidence is recognized by content and rebuilt without metadata (hand-built files, structure only).</summary>
public sealed class ImageEvidenceTests
{
    public const string Script = "<script>alert('x')</script>";

    private static byte[] Segment(byte marker, byte[] body)
    {
        var s = new byte[4 + body.Length];
        s[0] = 0xFF; s[1] = marker;
        BinaryPrimitives.WriteUInt16BigEndian(s.AsSpan(2), (ushort)(body.Length + 2));
        body.CopyTo(s, 4);
        return s;
    }

    /// <summary>SOI, APP0 JFIF, APP1 Exif and COM carrying a script, DQT, SOF0 (3×2), DHT, SOS with stuffed data, EOI, trailing bytes.</summary>
    public static byte[] Jpeg(bool withMetadata = true, bool trailing = true)
    {
        var parts = new List<byte[]> { new byte[] { 0xFF, 0xD8 } };
        parts.Add(Segment(0xE0, [.. "JFIF\0"u8.ToArray(), 1, 1, 0, 0, 1, 0, 1, 0, 0]));
        if (withMetadata)
        {
            parts.Add(Segment(0xE1, [.. "Exif\0\0"u8.ToArray(), .. Encoding.ASCII.GetBytes("GPS 22.5N 114.0E " + Script)]));
            parts.Add(Segment(0xFE, Encoding.ASCII.GetBytes(Script)));
        }
        parts.Add(Segment(0xDB, [0, .. Enumerable.Repeat((byte)1, 64)]));
        parts.Add(Segment(0xC0, [8, 0, 2, 0, 3, 1, 1, 0x11, 0]));
        parts.Add(Segment(0xC4, [0, .. new byte[16], ]));
        parts.Add(Segment(0xDA, [1, 1, 0, 0, 63, 0]));
        parts.Add([0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD0, 0x56]); // entropy-coded data with stuffing and a restart marker
        parts.Add([0xFF, 0xD9]);
        if (trailing) parts.Add(Encoding.ASCII.GetBytes(Script));
        return parts.SelectMany(p => p).ToArray();
    }

    private static byte[] Chunk(string type, byte[] data)
    {
        var c = new byte[12 + data.Length];
        BinaryPrimitives.WriteUInt32BigEndian(c, (uint)data.Length);
        Encoding.ASCII.GetBytes(type).CopyTo(c, 4);
        data.CopyTo(c, 8);
        BinaryPrimitives.WriteUInt32BigEndian(c.AsSpan(8 + data.Length), ImageEvidence.Crc32(c.AsSpan(4, 4 + data.Length)));
        return c;
    }

    public static byte[] Png(bool badCrc = false)
    {
        var ihdr = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(ihdr, 4);
        BinaryPrimitives.WriteUInt32BigEndian(ihdr.AsSpan(4), 5);
        ihdr[8] = 8; ihdr[9] = 2;
        var idat = Chunk("IDAT", [0x78, 0x9C, 0x63, 0, 0, 0, 1, 0, 1]);
        if (badCrc) idat[^1] ^= 0xFF;
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. Chunk("IHDR", ihdr), .. Chunk("tEXt", Encoding.ASCII.GetBytes("Comment\0" + Script)),
            .. Chunk("pHYs", new byte[9]), .. Chunk("tIME", new byte[7]), .. idat, .. Chunk("eXIf", Encoding.ASCII.GetBytes(Script)), .. Chunk("IEND", []), .. Encoding.ASCII.GetBytes(Script)];
    }

    [Fact]
    public void The_png_crc_is_the_standard_one() => Assert.Equal(0xAE426082u, ImageEvidence.Crc32("IEND"u8));

    [Fact]
    public void A_jpeg_loses_its_exif_comment_and_trailing_bytes_and_keeps_the_image_segments()
    {
        var cleaned = ImageEvidence.Clean(Jpeg());
        Assert.Equal(("image/jpeg", ".jpg", 3, 2), (cleaned.ContentType, cleaned.Extension, cleaned.Width, cleaned.Height));
        Assert.DoesNotContain("script", Encoding.ASCII.GetString(cleaned.Content));
        Assert.DoesNotContain("Exif", Encoding.ASCII.GetString(cleaned.Content));
        Assert.Equal(Jpeg(withMetadata: false, trailing: false), cleaned.Content);
    }

    [Fact]
    public void A_png_keeps_critical_and_safe_chunks_only()
    {
        var cleaned = ImageEvidence.Clean(Png());
        Assert.Equal(("image/png", 4, 5), (cleaned.ContentType, cleaned.Width, cleaned.Height));
        var text = Encoding.ASCII.GetString(cleaned.Content);
        Assert.DoesNotContain("script", text);
        Assert.DoesNotContain("tEXt", text);
        Assert.DoesNotContain("tIME", text);
        Assert.DoesNotContain("eXIf", text);
        Assert.Contains("pHYs", text);
        Assert.EndsWith("IEND", text[..^4]);
    }

    [Theory]
    [InlineData("text")]
    [InlineData("truncated-jpeg")]
    [InlineData("jpeg-without-frame")]
    [InlineData("png-bad-crc")]
    [InlineData("gif")]
    public void Anything_else_is_refused(string what)
    {
        byte[] data = what switch
        {
            "text" => Encoding.UTF8.GetBytes("这不是图片 " + Script),
            "truncated-jpeg" => Jpeg(trailing: false)[..^10],
            "jpeg-without-frame" => [0xFF, 0xD8, 0xFF, 0xD9],
            "png-bad-crc" => Png(badCrc: true),
            _ => "GIF89a\x01\0\x01\0"u8.ToArray(),
        };
        var e = Assert.Throws<Shuzhi.Domain.DomainException>(() => ImageEvidence.Clean(data));
        Assert.Equal("Sheets.PhotoInvalid", e.Code);
    }
}
