using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Shuzhi.Web.Documents;

/// <summary>
/// Reads untrusted workbooks: zip-level checks first (<see cref="XlsxGuard"/>), then forward-only parsing of each
/// part with <see cref="OpenXmlReader"/>, materializing one shared string or one row at a time.
/// </summary>
internal sealed class XlsxReader
{
    private readonly XlsxLimits _limits;
    private readonly List<string> _sharedStrings = [];
    private bool[] _dateStyles = [];
    private bool _date1904;
    private int _rowsRead;

    private XlsxReader(XlsxLimits limits) => _limits = limits;

    public static IReadOnlyList<XlsxTable> Read(Stream input, XlsxLimits limits)
    {
        using var buffer = XlsxGuard.Buffer(input, limits);
        XlsxGuard.Inspect(buffer, limits);
        try
        {
            // The zip's declared sizes were checked, but they can lie; capping characters per part bounds the XML parsers.
            var settings = new OpenSettings { AutoSave = false, MaxCharactersInPart = limits.MaxUncompressedBytes };
            using var document = SpreadsheetDocument.Open(buffer, false, settings);
            return new XlsxReader(limits).ReadWorkbook(document);
        }
        catch (Exception e) when (e is not XlsxFormatException and not OutOfMemoryException)
        {
            throw new XlsxFormatException(XlsxFormatException.Corrupt, $"{e.GetType().Name}: {e.Message}");
        }
    }

    private List<XlsxTable> ReadWorkbook(SpreadsheetDocument document)
    {
        var workbookPart = document.WorkbookPart
            ?? throw new XlsxFormatException(XlsxFormatException.NotXlsx, "no workbook part");
        var workbook = workbookPart.Workbook;
        _date1904 = workbook.WorkbookProperties?.Date1904?.Value == true;
        _dateStyles = XlsxNumberFormats.DateStyles(workbookPart.WorkbookStylesPart?.Stylesheet);
        if (workbookPart.SharedStringTablePart is { } sharedStringPart) ReadSharedStrings(sharedStringPart);

        var tables = new List<XlsxTable>();
        foreach (var sheet in workbook.Sheets?.Elements<Sheet>() ?? [])
        {
            // Chart sheets and dangling relationships have no cells to read.
            if (sheet.Id?.Value is { } id && workbookPart.TryGetPartById(id, out var part) && part is WorksheetPart worksheetPart)
                tables.Add(ReadSheet(sheet.Name?.Value ?? "", worksheetPart));
        }
        return tables;
    }

    private void ReadSharedStrings(SharedStringTablePart part)
    {
        foreach (var item in Elements<SharedStringItem>(part))
            _sharedStrings.Add(XlsxText.Clean(RichText(item)));
    }

    private XlsxTable ReadSheet(string name, WorksheetPart part)
    {
        IReadOnlyList<string>? headers = null;
        var rows = new List<XlsxRow>();
        var lastRowNumber = 0;

        foreach (var row in Elements<Row>(part))
        {
            var rowNumber = row.RowIndex?.Value is { } index and > 0 ? (int)Math.Min(index, int.MaxValue) : lastRowNumber + 1;
            lastRowNumber = rowNumber;

            var cells = ReadCells(row);
            if (cells.Count == 0) continue;
            if (headers is null)
            {
                headers = cells;
                continue;
            }

            if (++_rowsRead > _limits.MaxRows)
                throw new XlsxFormatException(XlsxFormatException.TooManyRows, $"more than {_limits.MaxRows} rows");
            while (cells.Count < headers.Count) cells.Add("");
            rows.Add(new XlsxRow(rowNumber, cells));
        }
        return new XlsxTable(name, headers ?? [], rows);
    }

    /// <summary>Streams the elements of one type, materializing one element at a time.</summary>
    private static IEnumerable<T> Elements<T>(OpenXmlPart part) where T : OpenXmlElement
    {
        using var reader = OpenXmlReader.Create(part);
        var more = reader.Read();
        while (more)
        {
            if (reader.ElementType == typeof(T) && reader.IsStartElement)
            {
                yield return (T)reader.LoadCurrentElement()!;
                more = !reader.EOF; // loading already moved the reader past the element
            }
            else
            {
                more = reader.Read();
            }
        }
    }

    /// <summary>Cell texts by column index, up to the last non-empty cell (so an empty row gives an empty list).</summary>
    private List<string> ReadCells(Row row)
    {
        var cells = new List<string>();
        var column = -1;
        foreach (var cell in row.Elements<Cell>())
        {
            column = XlsxText.ColumnIndex(cell.CellReference?.Value) ?? column + 1;
            if (column >= XlsxText.MaxColumns)
                throw new XlsxFormatException(XlsxFormatException.Corrupt, $"row {row.RowIndex?.Value}: too many cells");

            var text = CellText(cell);
            if (text.Length == 0) continue;
            while (cells.Count <= column) cells.Add("");
            cells[column] = text;
        }
        return cells;
    }

    private string CellText(Cell cell)
    {
        var raw = cell.CellValue?.Text;
        var type = cell.DataType?.Value ?? CellValues.Number;
        return type switch
        {
            CellValues.SharedString => SharedString(raw),
            CellValues.InlineString => XlsxText.Clean(cell.InlineString is { } inline ? RichText(inline) : raw),
            CellValues.Boolean => raw?.Trim() switch { "1" or "true" => "是", "0" or "false" => "否", _ => XlsxText.Clean(raw) },
            CellValues.Date => XlsxNumberFormats.RenderIsoDate(raw?.Trim()),
            CellValues.Number => XlsxNumberFormats.Render(raw, IsDateStyle(cell.StyleIndex?.Value), _date1904),
            _ => XlsxText.Clean(raw), // formula strings ("str") and errors ("e") keep their cached text
        };
    }

    private string SharedString(string? raw)
    {
        if (!int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index >= _sharedStrings.Count)
            throw new XlsxFormatException(XlsxFormatException.Corrupt, $"shared string index '{raw}' out of range");
        return _sharedStrings[index];
    }

    private bool IsDateStyle(uint? styleIndex) =>
        styleIndex is { } index && index < _dateStyles.Length && _dateStyles[index];

    /// <summary>Text of a shared or inline string: either one &lt;t&gt; or rich-text runs; phonetic runs are ignored.</summary>
    private static string RichText(OpenXmlElement item)
    {
        var builder = new StringBuilder();
        foreach (var child in item.ChildElements)
        {
            if (child is Text text) builder.Append(text.Text);
            else if (child is Run run) builder.Append(run.Text?.Text);
        }
        return builder.ToString();
    }
}
