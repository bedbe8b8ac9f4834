using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Shuzhi.Web.Documents;

/// <summary>Streams one worksheet with <see cref="OpenXmlWriter"/>: only one row is materialized at a time.</summary>
internal static class XlsxSheetWriter
{
    // Column widths have to be written before the data, so they are estimated from the first rows only.
    private const int WidthSampleRows = 100;
    private const int MinWidth = 8;
    private const int MaxWidth = 60;
    private const int FilterButtonWidth = 2;

    // Integers beyond 15 significant digits lose precision in Excel (ID numbers, order numbers): keep them as text.
    private const long MaxExactInteger = 999_999_999_999_999;

    private readonly record struct CellContent(string Text, bool IsNumber);

    /// <summary>Writes the worksheet and returns the auto filter range (e.g. "$A$1:$H$201"), or null without headers.</summary>
    public static string? Write(OpenXmlWriter writer, XlsxSheet sheet, bool selected)
    {
        var headers = sheet.Headers.Select(h => ToCell(h)).ToArray();
        if (headers.Length > XlsxText.MaxColumns)
            throw new ArgumentException($"Sheet '{sheet.Name}' has more than {XlsxText.MaxColumns} columns.", nameof(sheet));

        using var rows = sheet.Rows.GetEnumerator();
        var sample = new List<CellContent?[]>();
        while (sample.Count < WidthSampleRows && rows.MoveNext())
            sample.Add(ToCells(rows.Current, sheet.Name));

        var columns = new ColumnNames();
        writer.WriteStartElement(new Worksheet());
        writer.WriteElement(SheetViews(frozen: headers.Length > 0, selected));
        if (Columns(headers, sample) is { } cols) writer.WriteElement(cols);

        writer.WriteStartElement(new SheetData());
        var rowNumber = 0;
        if (headers.Length > 0) WriteRow(writer, ++rowNumber, headers, columns, XlsxWriter.HeaderStyle);
        foreach (var cells in sample) WriteRow(writer, ++rowNumber, cells, columns, null);
        while (rows.MoveNext())
        {
            if (rowNumber == XlsxText.MaxRows)
                throw new ArgumentException($"Sheet '{sheet.Name}' has more than {XlsxText.MaxRows} rows.", nameof(sheet));
            WriteRow(writer, ++rowNumber, ToCells(rows.Current, sheet.Name), columns, null);
        }
        writer.WriteEndElement();

        string? filterRange = null;
        if (headers.Length > 0)
        {
            var lastColumn = XlsxText.ColumnName(headers.Length - 1);
            var lastRow = Math.Max(rowNumber, 1).ToString(CultureInfo.InvariantCulture);
            writer.WriteElement(new AutoFilter { Reference = $"A1:{lastColumn}{lastRow}" });
            filterRange = $"$A$1:${lastColumn}${lastRow}";
        }
        writer.WriteEndElement();
        return filterRange;
    }

    private static SheetViews SheetViews(bool frozen, bool selected)
    {
        var view = new SheetView { WorkbookViewId = 0, TabSelected = selected };
        if (frozen)
        {
            view.Append(
                new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen },
                new Selection { Pane = PaneValues.BottomLeft, ActiveCell = "A2", SequenceOfReferences = new ListValue<StringValue> { InnerText = "A2" } });
        }
        return new SheetViews(view);
    }

    private static Columns? Columns(CellContent?[] headers, List<CellContent?[]> sample)
    {
        var count = Math.Max(headers.Length, sample.Count == 0 ? 0 : sample.Max(r => r.Length));
        if (count == 0) return null;

        var columns = new Columns();
        for (var i = 0; i < count; i++)
        {
            var width = i < headers.Length && headers[i] is { } header ? XlsxText.DisplayWidth(header.Text) + FilterButtonWidth : 0;
            foreach (var row in sample)
            {
                if (i < row.Length && row[i] is { } cell) width = Math.Max(width, XlsxText.DisplayWidth(cell.Text));
            }
            var column = (uint)(i + 1);
            columns.Append(new Column { Min = column, Max = column, Width = Math.Clamp(width + 2, MinWidth, MaxWidth), CustomWidth = true });
        }
        return columns;
    }

    private static void WriteRow(OpenXmlWriter writer, int rowNumber, CellContent?[] cells, ColumnNames columns, uint? style)
    {
        if (Array.TrueForAll(cells, c => c is null)) return; // keeps the row number, writes nothing

        var row = rowNumber.ToString(CultureInfo.InvariantCulture);
        writer.WriteStartElement(new Row(), [new OpenXmlAttribute("r", "", row)]);
        for (var i = 0; i < cells.Length; i++)
        {
            if (cells[i] is not { } content) continue;
            var cell = content.IsNumber
                ? new Cell { CellValue = new CellValue(content.Text) }
                : new Cell(new InlineString(Text(content.Text))) { DataType = CellValues.InlineString };
            cell.CellReference = columns[i] + row;
            if (style is { } s) cell.StyleIndex = s;
            writer.WriteElement(cell);
        }
        writer.WriteEndElement();
    }

    private static Text Text(string value)
    {
        var text = new Text(value);
        if (value.Length > 0 && (char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1])))
            text.Space = SpaceProcessingModeValues.Preserve;
        return text;
    }

    private static CellContent?[] ToCells(IReadOnlyList<object?>? values, string sheetName)
    {
        if (values is null) return [];
        if (values.Count > XlsxText.MaxColumns)
            throw new ArgumentException($"Sheet '{sheetName}' has a row with more than {XlsxText.MaxColumns} cells.");
        var cells = new CellContent?[values.Count];
        for (var i = 0; i < cells.Length; i++) cells[i] = ToCell(values[i]);
        return cells;
    }

    private static CellContent? ToCell(object? value) => value switch
    {
        null => null,
        string s => TextCell(s),
        bool b => new CellContent(b ? "是" : "否", false),
        int or short or byte or sbyte or ushort or uint => Number(value),
        long l => l is >= -MaxExactInteger and <= MaxExactInteger ? Number(l) : TextCell(Invariant(l)),
        ulong u => u <= MaxExactInteger ? Number(u) : TextCell(Invariant(u)),
        decimal m => Math.Abs(m) <= MaxExactInteger ? Number(m) : TextCell(Invariant(m)),
        double d => double.IsFinite(d) ? new CellContent(d.ToString("R", CultureInfo.InvariantCulture), true) : TextCell(Invariant(d)),
        float f => float.IsFinite(f) ? new CellContent(f.ToString("R", CultureInfo.InvariantCulture), true) : TextCell(Invariant(f)),
        DateOnly d => TextCell(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        DateTime t => TextCell(t.ToString(t.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)),
        DateTimeOffset o => TextCell(o.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture)),
        TimeOnly t => TextCell(t.ToString("HH:mm:ss", CultureInfo.InvariantCulture)),
        _ => TextCell(Invariant(value)),
    };

    private static CellContent Number(object value) => new(Invariant(value), true);

    private static CellContent? TextCell(string value)
    {
        var text = XlsxText.ForCell(value);
        return text.Length == 0 ? null : new CellContent(text, false);
    }

    private static string Invariant(object value) =>
        (value is IFormattable formattable ? formattable.ToString(null, CultureInfo.InvariantCulture) : value.ToString()) ?? "";

    /// <summary>Caches column letters so each cell reference costs one concatenation.</summary>
    private sealed class ColumnNames
    {
        private readonly List<string> _names = [];

        public string this[int index]
        {
            get
            {
                while (_names.Count <= index) _names.Add(XlsxText.ColumnName(_names.Count));
                return _names[index];
            }
        }
    }
}
