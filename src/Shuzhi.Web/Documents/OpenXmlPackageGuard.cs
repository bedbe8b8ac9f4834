using System.IO.Compression;
using System.Text;

namespace Shuzhi.Web.Documents;

/// <summary>Why <see cref="OpenXmlPackageGuard"/> refused an upload; each document kind maps it to its own error code.</summary>
internal enum PackageProblem
{
    NotZip,
    OleCompoundFile, // legacy .doc/.xls, or an encrypted Office file
    TooLarge,
    ZipBomb,
    BadEntry,
    MacroEnabled,
    WrongKind,       // a zip, but not the expected document (a renamed .xlsx uploaded as .docx)
    Corrupt,
}

/// <summary>What one kind of Office Open XML package must look like, and how its errors are reported.</summary>
/// <param name="RequiredEntry">An entry the package must have (xl/workbook.xml), or null.</param>
/// <param name="RequiredContentType">A content type [Content_Types].xml must declare (the main document's), or null.</param>
/// <param name="Fail">Builds the exception thrown for a problem with its diagnostic detail.</param>
internal sealed record PackageKind(
    long MaxBytes,
    int MaxEntries,
    long MaxUncompressedBytes,
    string? RequiredEntry,
    string? RequiredContentType,
    Func<PackageProblem, string?, Exception> Fail);

/// <summary>
/// Checks an untrusted Office Open XML upload (.xlsx, .docx) at the zip level before the OpenXml SDK parses any
/// of it: magic bytes, size, entry count, declared and suspicious uncompressed sizes, entry names, macros, kind.
/// </summary>
internal static class OpenXmlPackageGuard
{
    private const long LargeEntryBytes = 1024 * 1024;
    private const long MaxCompressionRatio = 100;
    private const int MaxContentTypesChars = 1024 * 1024;

    private static ReadOnlySpan<byte> ZipMagic => [0x50, 0x4B, 0x03, 0x04];
    private static ReadOnlySpan<byte> OleMagic => [0xD0, 0xCF, 0x11, 0xE0];

    /// <summary>Copies the upload into memory, never holding more than <see cref="PackageKind.MaxBytes"/>.</summary>
    public static MemoryStream Buffer(Stream input, PackageKind kind)
    {
        if (input.CanSeek && input.Length - input.Position > kind.MaxBytes)
            throw TooLarge(input.Length - input.Position, kind);

        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = input.Read(chunk)) > 0)
        {
            if (buffer.Length + read > kind.MaxBytes)
                throw TooLarge(buffer.Length + read, kind);
            buffer.Write(chunk, 0, read);
        }
        buffer.Position = 0;
        return buffer;
    }

    public static void Inspect(MemoryStream package, PackageKind kind)
    {
        var head = package.GetBuffer().AsSpan(0, (int)Math.Min(package.Length, 4));
        if (!head.SequenceEqual(ZipMagic))
        {
            throw head.SequenceEqual(OleMagic)
                ? kind.Fail(PackageProblem.OleCompoundFile, "OLE compound file (legacy or encrypted Office file)")
                : kind.Fail(PackageProblem.NotZip, "missing zip signature");
        }

        ZipArchive archive;
        try
        {
            package.Position = 0;
            archive = new ZipArchive(package, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException e)
        {
            throw kind.Fail(PackageProblem.Corrupt, e.Message);
        }

        using (archive)
        {
            CheckEntries(archive, kind);
        }
        package.Position = 0;
    }

    private static void CheckEntries(ZipArchive archive, PackageKind kind)
    {
        var entries = archive.Entries;
        if (entries.Count > kind.MaxEntries)
            throw kind.Fail(PackageProblem.ZipBomb, $"{entries.Count} entries");

        long total = 0;
        ZipArchiveEntry? contentTypes = null;
        var hasRequiredEntry = kind.RequiredEntry is null;
        var hasVba = false;
        foreach (var entry in entries)
        {
            var name = entry.FullName;
            if (name.Contains("..", StringComparison.Ordinal) || name.StartsWith('/') || name.StartsWith('\\') || name.Contains(':'))
                throw kind.Fail(PackageProblem.BadEntry, name);

            total += entry.Length;
            if (total > kind.MaxUncompressedBytes)
                throw kind.Fail(PackageProblem.ZipBomb, $"more than {kind.MaxUncompressedBytes} bytes uncompressed");
            if (entry.Length > LargeEntryBytes && entry.Length > entry.CompressedLength * MaxCompressionRatio)
                throw kind.Fail(PackageProblem.ZipBomb, $"{name}: {entry.Length} from {entry.CompressedLength} bytes");

            if (name.Equals("[Content_Types].xml", StringComparison.OrdinalIgnoreCase)) contentTypes = entry;
            else if (name.Equals(kind.RequiredEntry, StringComparison.OrdinalIgnoreCase)) hasRequiredEntry = true;
            else if (name.EndsWith("vbaProject.bin", StringComparison.OrdinalIgnoreCase)) hasVba = true;
        }

        var declared = contentTypes is null ? "" : ReadPrefix(contentTypes, kind);
        if (hasVba || declared.Contains("macroEnabled", StringComparison.OrdinalIgnoreCase))
            throw kind.Fail(PackageProblem.MacroEnabled, null);
        if (!hasRequiredEntry)
            throw kind.Fail(PackageProblem.WrongKind, $"no {kind.RequiredEntry}");
        if (kind.RequiredContentType is { } type
            && !declared.Contains($"\"{type}\"", StringComparison.OrdinalIgnoreCase)
            && !declared.Contains($"'{type}'", StringComparison.OrdinalIgnoreCase))
            throw kind.Fail(PackageProblem.WrongKind, $"no {type} in [Content_Types].xml");
    }

    private static string ReadPrefix(ZipArchiveEntry entry, PackageKind kind)
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
            throw kind.Fail(PackageProblem.Corrupt, e.Message);
        }
    }

    private static Exception TooLarge(long size, PackageKind kind) =>
        kind.Fail(PackageProblem.TooLarge, $"{size} bytes, limit {kind.MaxBytes}");
}
