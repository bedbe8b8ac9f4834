using System.IO.Compression;
using System.Text;

namespace Shuzhi.Web.Documents;

/// <summary>Checks an untrusted upload at the zip level before the OpenXml SDK parses any of it.</summary>
internal static class XlsxGuard
{
    private const long LargeEntryBytes = 1024 * 1024;
    private const long MaxCompressionRatio = 100;
    private const int MaxContentTypesChars = 1024 * 1024;

    private static ReadOnlySpan<byte> ZipMagic => [0x50, 0x4B, 0x03, 0x04];
    private static ReadOnlySpan<byte> OleMagic => [0xD0, 0xCF, 0x11, 0xE0];

    /// <summary>Copies the upload into memory, never holding more than <see cref="XlsxLimits.MaxBytes"/>.</summary>
    public static MemoryStream Buffer(Stream input, XlsxLimits limits)
    {
        if (input.CanSeek && input.Length - input.Position > limits.MaxBytes)
            throw TooLarge(input.Length - input.Position, limits);

        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = input.Read(chunk)) > 0)
        {
            if (buffer.Length + read > limits.MaxBytes)
                throw TooLarge(buffer.Length + read, limits);
            buffer.Write(chunk, 0, read);
        }
        buffer.Position = 0;
        return buffer;
    }

    public static void Inspect(MemoryStream package, XlsxLimits limits)
    {
        var head = package.GetBuffer().AsSpan(0, (int)Math.Min(package.Length, 4));
        if (!head.SequenceEqual(ZipMagic))
        {
            // Password-protected .xlsx and legacy .xls files are OLE compound documents.
            var detail = head.SequenceEqual(OleMagic) ? "OLE compound file (encrypted .xlsx or legacy .xls)" : "missing zip signature";
            throw new XlsxFormatException(XlsxFormatException.NotXlsx, detail);
        }

        ZipArchive archive;
        try
        {
            package.Position = 0;
            archive = new ZipArchive(package, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException e)
        {
            throw new XlsxFormatException(XlsxFormatException.Corrupt, e.Message);
        }

        using (archive)
        {
            CheckEntries(archive, limits);
        }
        package.Position = 0;
    }

    private static void CheckEntries(ZipArchive archive, XlsxLimits limits)
    {
        var entries = archive.Entries;
        if (entries.Count > limits.MaxEntries)
            throw new XlsxFormatException(XlsxFormatException.ZipBomb, $"{entries.Count} entries");

        long total = 0;
        ZipArchiveEntry? contentTypes = null;
        var hasWorkbook = false;
        var hasVba = false;
        foreach (var entry in entries)
        {
            var name = entry.FullName;
            if (name.Contains("..", StringComparison.Ordinal) || name.StartsWith('/') || name.StartsWith('\\') || name.Contains(':'))
                throw new XlsxFormatException(XlsxFormatException.BadEntry, name);

            total += entry.Length;
            if (total > limits.MaxUncompressedBytes)
                throw new XlsxFormatException(XlsxFormatException.ZipBomb, $"more than {limits.MaxUncompressedBytes} bytes uncompressed");
            if (entry.Length > LargeEntryBytes && entry.Length > entry.CompressedLength * MaxCompressionRatio)
                throw new XlsxFormatException(XlsxFormatException.ZipBomb, $"{name}: {entry.Length} from {entry.CompressedLength} bytes");

            if (name.Equals("[Content_Types].xml", StringComparison.OrdinalIgnoreCase)) contentTypes = entry;
            else if (name.Equals("xl/workbook.xml", StringComparison.OrdinalIgnoreCase)) hasWorkbook = true;
            else if (name.EndsWith("vbaProject.bin", StringComparison.OrdinalIgnoreCase)) hasVba = true;
        }

        if (hasVba || (contentTypes is not null && ReadPrefix(contentTypes).Contains("macroEnabled", StringComparison.OrdinalIgnoreCase)))
            throw new XlsxFormatException(XlsxFormatException.MacroEnabled);
        if (!hasWorkbook)
            throw new XlsxFormatException(XlsxFormatException.NotXlsx, "no xl/workbook.xml");
    }

    private static string ReadPrefix(ZipArchiveEntry entry)
    {
        try
        {
            using var reader = new StreamReader(entry.Open(), Encoding.UTF8);
            var chars = new char[MaxContentTypesChars];
            var length = reader.ReadBlock(chars, 0, chars.Length);
            return new string(chars, 0, length);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or NotSupportedException)
        {
            throw new XlsxFormatException(XlsxFormatException.Corrupt, e.Message);
        }
    }

    private static XlsxFormatException TooLarge(long size, XlsxLimits limits) =>
        new(XlsxFormatException.TooLarge, $"{size} bytes, limit {limits.MaxBytes}");
}
