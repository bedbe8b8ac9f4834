using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Shuzhi.Web.Documents;

/// <summary>A table of a tabular document: a heading line above it, the header row and the rows.</summary>
public sealed record DocxTable(string Heading, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows);

/// <summary>A document of tables (清单、通报): title, lines under it (unit, date) and the tables, landscape A4.</summary>
public sealed record DocxTableDocument(string Title, IReadOnlyList<string> Subtitle, IReadOnlyList<DocxTable> Tables);

/// <summary>
/// Writes lists and bulletins as .docx: A4 landscape, title in 方正小标宋简体 二号 (fallback 宋体), headings in 黑体,
/// tables with borders in 仿宋 小四 and a repeated bold header row. Readable with <see cref="Docx.ReadParagraphs"/>.
/// </summary>
public static class DocxTables
{
    public static FileStreamResult File(DocxTableDocument doc, string baseName) =>
        Downloads.Create(stream => Write(stream, doc), Docx.ContentType, baseName + ".docx");

    public static void Write(Stream output, DocxTableDocument doc)
    {
        using var buffer = new MemoryStream();
        using (var document = WordprocessingDocument.Create(buffer, WordprocessingDocumentType.Document))
        {
            document.PackageProperties.Title = Safe(doc.Title);
            document.PackageProperties.Language = "zh-CN";
            var main = document.AddMainDocumentPart();
            var body = new Body();
            body.Append(Para(doc.Title, "方正小标宋简体", "44", JustificationValues.Center, bold: false));
            foreach (var line in doc.Subtitle.Where(l => !string.IsNullOrWhiteSpace(l)))
                body.Append(Para(line, "楷体_GB2312", "28", JustificationValues.Center, bold: false));
            foreach (var t in doc.Tables)
            {
                body.Append(Para(t.Heading, "黑体", "32", JustificationValues.Left, bold: false));
                body.Append(Table(t));
            }
            body.Append(new SectionProperties(
                new PageSize { Width = 16838, Height = 11906, Orient = PageOrientationValues.Landscape },
                new PageMargin { Top = 1440, Bottom = 1440, Left = 1440, Right = 1440, Header = 720, Footer = 720, Gutter = 0 }));
            main.Document = new Document(body);
        }
        buffer.Position = 0;
        buffer.CopyTo(output);
    }

    private static Table Table(DocxTable t)
    {
        static TableCell Cell(string text, bool bold) => new(
            new TableCellProperties(new TableCellWidth { Type = TableWidthUnitValues.Auto }),
            new Paragraph(Run(text, "仿宋_GB2312", "24", bold)));
        var table = new Table(new TableProperties(
            new TableWidth { Width = "5000", Type = TableWidthUnitValues.Pct },
            new TableBorders(
                new TopBorder { Val = BorderValues.Single, Size = 4 }, new BottomBorder { Val = BorderValues.Single, Size = 4 },
                new LeftBorder { Val = BorderValues.Single, Size = 4 }, new RightBorder { Val = BorderValues.Single, Size = 4 },
                new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 }, new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 })));
        var header = new TableRow(new TableRowProperties(new TableHeader()));
        header.Append(t.Headers.Select(h => Cell(h, true)));
        table.Append(header);
        foreach (var row in t.Rows) table.Append(new TableRow(row.Select(c => Cell(c, false))));
        return table;
    }

    private static Paragraph Para(string text, string font, string size, JustificationValues align, bool bold) =>
        new(new ParagraphProperties(new Justification { Val = align }, new SpacingBetweenLines { Before = "120", After = "120" }), Run(text, font, size, bold));

    private static Run Run(string text, string font, string size, bool bold)
    {
        var props = new RunProperties(new RunFonts { Ascii = font, HighAnsi = font, EastAsia = font, ComplexScript = font });
        if (bold) props.Append(new Bold());
        props.Append(new FontSize { Val = size }, new FontSizeComplexScript { Val = size });
        return new Run(props, new Text(Safe(text)) { Space = SpaceProcessingModeValues.Preserve });
    }

    private static string Safe(string text) => new((text ?? "").Where(XmlConvert.IsXmlChar).ToArray());
}
