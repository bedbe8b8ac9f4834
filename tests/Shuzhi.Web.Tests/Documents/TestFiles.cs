using System.IO.Compression;
using System.Text;

namespace Shuzhi.Web.Documents.Tests;

internal static class TestFiles
{
    public const string ContentTypes =
        """<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>""";

    public static byte[] Write(params XlsxSheet[] sheets)
    {
        using var output = new MemoryStream();
        Xlsx.Write(output, sheets);
        return output.ToArray();
    }

    public static IReadOnlyList<XlsxTable> Read(byte[] bytes, XlsxLimits? limits = null) =>
        Xlsx.Read(new MemoryStream(bytes), limits);

    public static XlsxFormatException ReadFails(byte[] bytes, XlsxLimits? limits = null) =>
        Assert.Throws<XlsxFormatException>(() => Read(bytes, limits));

    /// <summary>A zip with the given text entries; a null text means no entry content.</summary>
    public static byte[] Zip(params (string Name, string? Text)[] entries)
    {
        using var output = new MemoryStream();
        using (var archive = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in entries)
            {
                using var stream = archive.CreateEntry(name).Open();
                if (text is not null) stream.Write(Encoding.UTF8.GetBytes(text));
            }
        }
        return output.ToArray();
    }

    public static IReadOnlyList<object?> Row(params object?[] values) => values;

    /// <summary>Simulates an ASP.NET response body: write-only and not seekable.</summary>
    public sealed class ForwardOnlyStream(Stream inner) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
    }

    /// <summary>A readable upload stream that does not know its length.</summary>
    public sealed class UnknownLengthStream(byte[] data) : Stream
    {
        private readonly MemoryStream _inner = new(data);
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
