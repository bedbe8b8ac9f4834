using System.IO.Compression;
using Shuzhi.Domain.Reports;

namespace Shuzhi.Web.Documents;

/// <summary>Limits applied by <see cref="Docx.ReadParagraphs"/> to untrusted uploads.</summary>
public sealed class DocxLimits
{
    /// <summary>Maximum size of the .docx file itself.</summary>
    public long MaxBytes { get; init; } = 10 * 1024 * 1024;

    /// <summary>Maximum number of entries in the zip container (a report with pictures has a few dozen).</summary>
    public int MaxEntries { get; init; } = 500;

    /// <summary>Maximum declared uncompressed size of all zip entries together (also caps the characters of any one part).</summary>
    public long MaxUncompressedBytes { get; init; } = 100 * 1024 * 1024;

    /// <summary>Maximum number of paragraphs read (a debrief report has a few dozen to a few hundred).</summary>
    public int MaxParagraphs { get; init; } = 20_000;
}

/// <summary>The uploaded file is not an acceptable .docx; <see cref="Code"/> is a stable key of a Chinese message (Docx_*).</summary>
public sealed class DocxFormatException(string code, string? detail = null) : Exception(code)
{
    public const string NotDocx = "Docx.NotDocx";
    public const string LegacyDoc = "Docx.LegacyDoc";
    public const string TooLarge = "Docx.TooLarge";
    public const string ZipBomb = "Docx.ZipBomb";
    public const string BadEntry = "Docx.BadEntry";
    public const string MacroEnabled = "Docx.MacroEnabled";
    public const string Corrupt = "Docx.Corrupt";
    public const string TooManyParagraphs = "Docx.TooManyParagraphs";

    public static IReadOnlyList<string> All { get; } = [NotDocx, LegacyDoc, TooLarge, ZipBomb, BadEntry, MacroEnabled, Corrupt, TooManyParagraphs];

    public string Code { get; } = code;

    /// <summary>Diagnostic detail for logs; not meant for end users.</summary>
    public string? Detail { get; } = detail;
}

/// <summary>A debrief report to write: its title, the lines under it, and the text of each outline section.</summary>
/// <param name="Title">e.g. 2023年度抓基层党建工作述职报告.</param>
/// <param name="Subtitle">Lines under the title, e.g. the organization and person, and the date in Chinese form (2023年12月20日).</param>
/// <param name="Sections">Outline key → plain text, paragraphs separated by "\n"; missing keys are empty.</param>
/// <param name="Rectification">Last year's rectification items with the responses, written as a part after the outline; none when null or empty.</param>
/// <param name="Closing">Lines after the text, aligned right (the issuing unit and the date of a letter); none when null.</param>
public sealed record DocxReport(string Title, IReadOnlyList<string> Subtitle, ReportOutline Outline, IReadOnlyDictionary<string, string> Sections,
    DocxRectification? Rectification = null, IReadOnlyList<string>? Closing = null);

/// <summary>The part on last year's rectification items: its heading (e.g. 上年度整改事项落实情况) and each item with the response.</summary>
/// <param name="Missing">Written in place of an empty response, e.g. （未作回应）.</param>
public sealed record DocxRectification(string Heading, IReadOnlyList<DocxRectificationItem> Items, string Missing);

/// <summary>One rectification item (plain text) and the reporter's response (paragraphs separated by "\n").</summary>
public sealed record DocxRectificationItem(string Text, string Response);

/// <summary>Reading uploaded Word reports safely, writing reports in the official layout, and zipping several.</summary>
public static class Docx
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public const string ZipContentType = "application/zip";

    /// <summary>
    /// Reads the paragraphs of an untrusted .docx in document order (table cells included), with the heading
    /// level from the paragraph style or outline level, and whether it is bold or list-numbered; soft line breaks
    /// split paragraphs. Throws <see cref="DocxFormatException"/> when the file is not a safe, readable .docx.
    /// </summary>
    public static IReadOnlyList<DocumentParagraph> ReadParagraphs(Stream input, DocxLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        return DocxReader.Read(input, limits ?? new DocxLimits());
    }

    /// <summary>
    /// Writes the report as a .docx in the layout of party and government documents (GB/T 9704): A4, title in
    /// 方正小标宋简体 二号, body in 仿宋_GB2312 三号, parts 一、 in 黑体, sub-parts （一） in 楷体, page numbers — 1 —.
    /// Writes synchronously; in ASP.NET Core write to a temporary file rather than straight into the response body.
    /// </summary>
    public static void WriteReport(Stream output, DocxReport report)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(report);
        DocxWriter.Write(output, report);
    }

    /// <summary>Writes the report; <paramref name="subtitle"/> lines are separated by "\n".</summary>
    public static void WriteReport(Stream output, string title, string subtitle, ReportOutline outline, IReadOnlyDictionary<string, string> sections) =>
        WriteReport(output, new DocxReport(title, (subtitle ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries), outline, sections));

    /// <summary>
    /// Writes a .zip holding one file per item; names are made safe with <see cref="FileNames.Sanitize"/> and
    /// numbered when they repeat (张三.docx, 张三 (2).docx).
    /// </summary>
    public static void Zip(Stream output, IEnumerable<(string FileName, Action<Stream> Write)> files)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(files);
        var names = new FileNames.Unique();
        using var archive = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        foreach (var (fileName, write) in files)
        {
            // The OpenXml SDK needs a seekable stream; zip entry streams are not.
            using var buffer = new MemoryStream();
            write(buffer);
            var entry = archive.CreateEntry(names.Next(fileName), CompressionLevel.Optimal);
            using var target = entry.Open();
            buffer.Position = 0;
            buffer.CopyTo(target);
        }
    }
}
