namespace Shuzhi.Web.Documents;

/// <summary>One worksheet to write: a bold, frozen, filterable header row followed by the data rows.</summary>
/// <remarks><see cref="Rows"/> is enumerated exactly once, lazily, so it can stream from a database query.</remarks>
public sealed record XlsxSheet(string Name, IReadOnlyList<string> Headers, IEnumerable<IReadOnlyList<object?>> Rows);

/// <summary>A data row read from a worksheet.</summary>
/// <param name="RowNumber">The 1-based Excel row number.</param>
/// <param name="Cells">
/// Trimmed cell text indexed by column (A = 0), "" for empty cells. Padded to the header width;
/// longer than the headers when the row has values to the right of the last header.
/// </param>
public sealed record XlsxRow(int RowNumber, IReadOnlyList<string> Cells);

/// <summary>A worksheet read as a table.</summary>
/// <param name="SheetName">The worksheet name as shown on its tab.</param>
/// <param name="Headers">The first non-empty row of the sheet; empty when the sheet has no content.</param>
/// <param name="Rows">The rows after the header row; completely empty rows are skipped.</param>
public sealed record XlsxTable(string SheetName, IReadOnlyList<string> Headers, IReadOnlyList<XlsxRow> Rows);

/// <summary>Limits applied by <see cref="Xlsx.Read"/> to untrusted uploads.</summary>
public sealed class XlsxLimits
{
    /// <summary>Maximum size of the .xlsx file itself.</summary>
    public long MaxBytes { get; init; } = 10 * 1024 * 1024;

    /// <summary>Maximum number of entries in the zip container.</summary>
    public int MaxEntries { get; init; } = 200;

    /// <summary>Maximum declared uncompressed size of all zip entries together (also caps the characters of any one part).</summary>
    public long MaxUncompressedBytes { get; init; } = 100 * 1024 * 1024;

    /// <summary>Maximum number of non-empty data rows, counted over all worksheets of the workbook.</summary>
    public int MaxRows { get; init; } = 300_000;
}

/// <summary>The uploaded file is not an acceptable .xlsx; <see cref="Code"/> is a stable, localizable error key.</summary>
public sealed class XlsxFormatException(string code, string? detail = null) : Exception(code)
{
    public const string NotXlsx = "Xlsx.NotXlsx";
    public const string TooLarge = "Xlsx.TooLarge";
    public const string ZipBomb = "Xlsx.ZipBomb";
    public const string BadEntry = "Xlsx.BadEntry";
    public const string MacroEnabled = "Xlsx.MacroEnabled";
    public const string Corrupt = "Xlsx.Corrupt";
    public const string TooManyRows = "Xlsx.TooManyRows";

    // Initialized rather than captured: capturing `code` as well as passing it to the base constructor warns (CS9107).
    public string Code { get; } = code;

    /// <summary>Diagnostic detail for logs; not meant for end users.</summary>
    public string? Detail { get; } = detail;
}

/// <summary>Minimal, safe reading and streaming writing of .xlsx workbooks.</summary>
public static class Xlsx
{
    /// <summary>Upper bound of rows one list export writes (the file stays under the import size limit).</summary>
    public const int MaxExportRows = 100_000;

    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>
    /// Writes the sheets as an .xlsx workbook. Rows are streamed, so memory stays bounded for large exports.
    /// Writes synchronously; in ASP.NET Core write to a temporary file (or enable synchronous IO) rather than
    /// straight into the response body.
    /// </summary>
    public static void Write(Stream output, IEnumerable<XlsxSheet> sheets)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(sheets);
        XlsxWriter.Write(output, sheets);
    }

    /// <summary>
    /// Reads every worksheet, in workbook order, as a table of trimmed text.
    /// Throws <see cref="XlsxFormatException"/> when the file is not a safe, readable .xlsx.
    /// </summary>
    public static IReadOnlyList<XlsxTable> Read(Stream input, XlsxLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        return XlsxReader.Read(input, limits ?? new XlsxLimits());
    }
}
