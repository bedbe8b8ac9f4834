using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Shuzhi.Web.Documents;

/// <summary>
/// Writes the workbook package straight into a zip opened in create mode, each part streamed in turn.
/// </summary>
/// <remarks>
/// SpreadsheetDocument is not used for writing: it needs a readable package, and System.IO.Packaging then opens
/// the zip in update mode, which buffers every part uncompressed in memory until the package is closed.
/// The package structure of a plain workbook is fixed, so it is written here directly.
/// </remarks>
internal static class XlsxWriter
{
    public const uint HeaderStyle = 1;

    private const string RelationshipsNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const string SpreadsheetMl = "application/vnd.openxmlformats-officedocument.spreadsheetml";

    public static void Write(Stream output, IEnumerable<XlsxSheet> sheets)
    {
        var sheetList = sheets.ToList();
        if (sheetList.Count == 0) sheetList.Add(new XlsxSheet("Sheet1", [], []));
        var names = XlsxText.SheetNames(sheetList.Select(s => s.Name));

        using var archive = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        WriteText(archive, "[Content_Types].xml", ContentTypes(sheetList.Count));
        WriteText(archive, "_rels/.rels", Relationships(("rId1", "officeDocument", "xl/workbook.xml")));
        WriteText(archive, "xl/_rels/workbook.xml.rels", Relationships(
            [.. names.Select((_, i) => (SheetRelationshipId(i), "worksheet", $"worksheets/sheet{i + 1}.xml")), ("rIdStyles", "styles", "styles.xml")]));
        WritePart(archive, "xl/styles.xml", writer => writer.WriteElement(Stylesheet()));

        var filterRanges = new string?[sheetList.Count];
        for (var i = 0; i < sheetList.Count; i++)
        {
            var index = i;
            WritePart(archive, $"xl/worksheets/sheet{i + 1}.xml",
                writer => filterRanges[index] = XlsxSheetWriter.Write(writer, sheetList[index], selected: index == 0));
        }

        // Last, because Excel's hidden filter range names need each sheet's final row count.
        WritePart(archive, "xl/workbook.xml", writer => WriteWorkbook(writer, names, filterRanges));
    }

    private static string SheetRelationshipId(int index) => $"rId{index + 1}";

    private static void WritePart(ZipArchive archive, string name, Action<OpenXmlWriter> write)
    {
        using var stream = archive.CreateEntry(name, CompressionLevel.Fastest).Open();
        using var writer = OpenXmlWriter.Create(stream, new UTF8Encoding(false));
        writer.WriteStartDocument(true);
        write(writer);
    }

    private static void WriteText(ZipArchive archive, string name, string xml)
    {
        using var stream = archive.CreateEntry(name, CompressionLevel.Fastest).Open();
        stream.Write(Encoding.UTF8.GetBytes(xml));
    }

    private static string ContentTypes(int sheetCount)
    {
        var xml = new StringBuilder("""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>""")
            .Append("""<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">""")
            .Append("""<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>""")
            .Append("""<Default Extension="xml" ContentType="application/xml"/>""")
            .Append($"""<Override PartName="/xl/workbook.xml" ContentType="{SpreadsheetMl}.sheet.main+xml"/>""")
            .Append($"""<Override PartName="/xl/styles.xml" ContentType="{SpreadsheetMl}.styles+xml"/>""");
        for (var i = 1; i <= sheetCount; i++)
            xml.Append($"""<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{SpreadsheetMl}.worksheet+xml"/>""");
        return xml.Append("</Types>").ToString();
    }

    private static string Relationships(params (string Id, string Type, string Target)[] relationships)
    {
        var xml = new StringBuilder("""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>""")
            .Append("""<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">""");
        foreach (var (id, type, target) in relationships)
            xml.Append($"""<Relationship Id="{id}" Type="{RelationshipsNamespace}/{type}" Target="{target}"/>""");
        return xml.Append("</Relationships>").ToString();
    }

    private static void WriteWorkbook(OpenXmlWriter writer, IReadOnlyList<string> names, string?[] filterRanges)
    {
        var sheets = new Sheets();
        var definedNames = new DefinedNames();
        for (var i = 0; i < names.Count; i++)
        {
            sheets.AppendChild(new Sheet { Name = names[i], SheetId = (uint)(i + 1), Id = SheetRelationshipId(i) });
            if (filterRanges[i] is { } range)
            {
                var reference = $"'{names[i].Replace("'", "''", StringComparison.Ordinal)}'!{range}";
                definedNames.AppendChild(new DefinedName(reference) { Name = "_xlnm._FilterDatabase", LocalSheetId = (uint)i, Hidden = true });
            }
        }

        writer.WriteStartElement(new Workbook(), [], [new("r", RelationshipsNamespace)]);
        writer.WriteElement(new BookViews(new WorkbookView()));
        writer.WriteElement(sheets);
        if (definedNames.HasChildren) writer.WriteElement(definedNames);
        writer.WriteEndElement();
    }

    private static Stylesheet Stylesheet() => new(
        new Fonts(
            new Font(new FontSize { Val = 11 }, new FontName { Val = "Calibri" }),
            new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "Calibri" })) { Count = 2 },
        new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
            new Fill(new PatternFill(new ForegroundColor { Rgb = "FFD9D9D9" }, new BackgroundColor { Indexed = 64 })
            {
                PatternType = PatternValues.Solid,
            })) { Count = 3 },
        new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder()))
        {
            Count = 1,
        },
        new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
        new CellFormats(
            new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0 },
            new CellFormat { NumberFormatId = 0, FontId = 1, FillId = 2, BorderId = 0, FormatId = 0, ApplyFont = true, ApplyFill = true })
        {
            Count = 2,
        },
        new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }) { Count = 1 });
}
