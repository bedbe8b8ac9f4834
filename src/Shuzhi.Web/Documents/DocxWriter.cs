using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Shuzhi.Domain.Reports;

namespace Shuzhi.Web.Documents;

/// <summary>
/// Writes a debrief report in the layout of party and government documents (GB/T 9704-2012): A4, margins
/// 3.7 cm top, 3.5 cm bottom, 2.8 cm left, 2.6 cm right; title 方正小标宋简体 二号; body 仿宋_GB2312 三号 at a fixed
/// 28.95 pt line pitch (22 lines a page) with a two-character first-line indent; parts 一、 in 黑体, sub-parts
/// （一） in 楷体; page numbers "— 1 —" in 宋体 四号, odd pages right and even pages left, one character in.
/// </summary>
/// <remarks>
/// The 公文 fonts are often missing outside government machines; the font table names a fallback for each
/// (宋体, 仿宋, 楷体), which Word uses when the font is not installed.
/// </remarks>
internal static class DocxWriter
{
    private const string TitleFont = "方正小标宋简体";
    private const string BodyFont = "仿宋_GB2312";
    private const string PartFont = "黑体";
    private const string SubPartFont = "楷体_GB2312";
    private const string PageNumberFont = "宋体";

    private const string Size2 = "44";   // 二号 22 pt, in half-points
    private const string Size3 = "32";   // 三号 16 pt
    private const string Size4 = "28";   // 四号 14 pt

    private const uint LinePitch = 579;  // twentieths of a point: 28.95 pt
    private const int FirstLineIndent = 640; // two 16 pt characters, in twips

    public static void Write(Stream output, DocxReport report)
    {
        // WordprocessingDocument needs a seekable package; a report is small, so build it in memory.
        using var buffer = new MemoryStream();
        using (var document = WordprocessingDocument.Create(buffer, WordprocessingDocumentType.Document))
        {
            document.PackageProperties.Title = XmlSafe(report.Title);
            document.PackageProperties.Language = "zh-CN";

            var main = document.AddMainDocumentPart();
            AddStyles(main);
            AddFonts(main);
            var settings = main.AddNewPart<DocumentSettingsPart>();
            settings.Settings = new Settings(new EvenAndOddHeaders(), new Compatibility(
                new CompatibilitySetting { Name = CompatSettingNameValues.CompatibilityMode, Uri = "http://schemas.microsoft.com/office/word", Val = "15" }));

            var oddFooter = AddFooter(main, JustificationValues.Right, right: true);
            var evenFooter = AddFooter(main, JustificationValues.Left, right: false);

            var body = new Body();
            foreach (var paragraph in Content(report)) body.Append(paragraph);
            body.Append(SectionProperties(main.GetIdOfPart(oddFooter), main.GetIdOfPart(evenFooter)));
            main.Document = new Document(body);
        }
        buffer.Position = 0;
        buffer.CopyTo(output);
    }

    private static IEnumerable<Paragraph> Content(DocxReport report)
    {
        yield return Paragraph(report.Title, "Title");
        foreach (var line in report.Subtitle.Where(l => !string.IsNullOrWhiteSpace(l)))
            yield return Paragraph(line.Trim(), "Subtitle");
        yield return new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = "Normal" }));

        var part = 0;
        var subPart = 0;
        foreach (var section in report.Outline.Sections)
        {
            var text = report.Sections.GetValueOrDefault(section.Key) ?? "";
            if (section.Level <= 1)
            {
                subPart = 0;
                yield return Paragraph($"{Numeral(part++)}、{section.Heading}", "Heading1");
            }
            else
            {
                // An optional sub-part left empty is omitted, and the numbering closes up.
                if (string.IsNullOrWhiteSpace(text) && !section.Required) continue;
                yield return Paragraph($"（{Numeral(subPart++)}）{section.Heading}", "Heading2");
            }
            foreach (var line in text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                yield return Paragraph(line, null);
        }

        // Last year's rectification items: one more part, each item a sub-part followed by its response.
        if (report.Rectification is { Items.Count: > 0 } rect)
        {
            yield return Paragraph($"{Numeral(part)}、{rect.Heading}", "Heading1");
            for (var i = 0; i < rect.Items.Count; i++)
            {
                var item = rect.Items[i];
                yield return Paragraph($"（{Numeral(i)}）{item.Text.Replace('\n', ' ').Trim()}", "Heading2");
                var lines = item.Response.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                if (lines.Length == 0) lines = [rect.Missing];
                foreach (var line in lines) yield return Paragraph(line, null);
            }
        }

        if (report.Closing is { Count: > 0 } closing)
        {
            yield return new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = "Normal" }));
            foreach (var line in closing.Where(l => !string.IsNullOrWhiteSpace(l)))
                yield return new Paragraph(
                    new ParagraphProperties(new Indentation { FirstLineChars = 0, FirstLine = "0", Right = "640" }, new Justification { Val = JustificationValues.Right }),
                    new Run(new Text(XmlSafe(line.Trim())) { Space = SpaceProcessingModeValues.Preserve }));
        }
    }

    private static string Numeral(int index) => ChineseNumerals.Of(index + 1);

    private static Paragraph Paragraph(string text, string? style)
    {
        var paragraph = new Paragraph();
        if (style is not null) paragraph.Append(new ParagraphProperties(new ParagraphStyleId { Val = style }));
        paragraph.Append(new Run(new Text(XmlSafe(text)) { Space = SpaceProcessingModeValues.Preserve }));
        return paragraph;
    }

    /// <summary>Drops characters XML 1.0 cannot hold (control characters pasted into a report or a name).</summary>
    private static string XmlSafe(string text)
    {
        if (!text.Any(c => !XmlConvert.IsXmlChar(c))) return text;
        var safe = new System.Text.StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (XmlConvert.IsXmlChar(text[i])) safe.Append(text[i]);
            else if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i])) safe.Append(text, i++, 2);
        }
        return safe.ToString();
    }

    private static RunFonts Fonts(string font) => new() { Ascii = font, HighAnsi = font, EastAsia = font, ComplexScript = font };

    private static SpacingBetweenLines FixedLines() => new() { Line = LinePitch.ToString(System.Globalization.CultureInfo.InvariantCulture), LineRule = LineSpacingRuleValues.Exact, Before = "0", After = "0" };

    private static void AddStyles(MainDocumentPart main)
    {
        var styles = new Styles(
            new DocDefaults(
                new RunPropertiesDefault(new RunPropertiesBaseStyle(
                    Fonts(BodyFont),
                    new FontSize { Val = Size3 },
                    new FontSizeComplexScript { Val = Size3 },
                    new Languages { Val = "en-US", EastAsia = "zh-CN" })),
                new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(FixedLines()))),
            new Style(
                new StyleName { Val = "Normal" },
                new PrimaryStyle(),
                new StyleParagraphProperties(
                    new SpacingBetweenLines { Line = LinePitch.ToString(System.Globalization.CultureInfo.InvariantCulture), LineRule = LineSpacingRuleValues.Exact },
                    new Indentation { FirstLineChars = 200, FirstLine = FirstLineIndent.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                    new Justification { Val = JustificationValues.Both }))
            { Type = StyleValues.Paragraph, StyleId = "Normal", Default = true },
            HeadingStyle("Title", "Title", TitleFont, Size2, outlineLevel: null, centered: true),
            HeadingStyle("Subtitle", "Subtitle", SubPartFont, Size3, outlineLevel: null, centered: true),
            HeadingStyle("Heading1", "heading 1", PartFont, Size3, outlineLevel: 0, centered: false),
            HeadingStyle("Heading2", "heading 2", SubPartFont, Size3, outlineLevel: 1, centered: false),
            new Style(new StyleName { Val = "footer" }, new BasedOn { Val = "Normal" }, new UIPriority { Val = 99 },
                new StyleParagraphProperties(
                    new SpacingBetweenLines { Line = "240", LineRule = LineSpacingRuleValues.Auto },
                    new Indentation { FirstLineChars = 0, FirstLine = "0" }),
                new StyleRunProperties(Fonts(PageNumberFont), new FontSize { Val = Size4 }, new FontSizeComplexScript { Val = Size4 }))
            { Type = StyleValues.Paragraph, StyleId = "Footer" });
        main.AddNewPart<StyleDefinitionsPart>().Styles = styles;
    }

    private static Style HeadingStyle(string id, string name, string font, string size, int? outlineLevel, bool centered)
    {
        var paragraph = new StyleParagraphProperties();
        paragraph.Append(new KeepNext());
        if (centered)
        {
            // A two-line title at 22 pt needs more room than the body's line pitch.
            paragraph.Append(new SpacingBetweenLines { Line = id == "Title" ? "700" : LinePitch.ToString(System.Globalization.CultureInfo.InvariantCulture), LineRule = LineSpacingRuleValues.Exact });
            paragraph.Append(new Indentation { FirstLineChars = 0, FirstLine = "0" });
            paragraph.Append(new Justification { Val = JustificationValues.Center });
        }
        if (outlineLevel is { } level) paragraph.Append(new OutlineLevel { Val = level });

        return new Style(
            new StyleName { Val = name },
            new BasedOn { Val = "Normal" },
            new NextParagraphStyle { Val = "Normal" },
            new PrimaryStyle(),
            paragraph,
            new StyleRunProperties(Fonts(font), new FontSize { Val = size }, new FontSizeComplexScript { Val = size }))
        { Type = StyleValues.Paragraph, StyleId = id };
    }

    private static void AddFonts(MainDocumentPart main)
    {
        static Font Font(string name, string fallback, FontFamilyValues family) => new(
            new AltName { Val = fallback },
            new FontCharSet { Val = "86" },
            new FontFamily { Val = family },
            new Pitch { Val = FontPitchValues.Variable })
        { Name = name };

        main.AddNewPart<FontTablePart>().Fonts = new Fonts(
            Font(TitleFont, "宋体", FontFamilyValues.Script),
            Font(BodyFont, "仿宋", FontFamilyValues.Modern),
            Font(SubPartFont, "楷体", FontFamilyValues.Modern),
            Font(PartFont, "SimHei", FontFamilyValues.Modern),
            Font(PageNumberFont, "SimSun", FontFamilyValues.Auto));
    }

    /// <summary>"— 1 —" with the page number as a field, one character in from the outer edge.</summary>
    private static FooterPart AddFooter(MainDocumentPart main, JustificationValues side, bool right)
    {
        var indentation = right ? new Indentation { Right = "280", FirstLine = "0", FirstLineChars = 0 } : new Indentation { Left = "280", FirstLine = "0", FirstLineChars = 0 };
        var footer = main.AddNewPart<FooterPart>();
        footer.Footer = new Footer(new Paragraph(
            new ParagraphProperties(new ParagraphStyleId { Val = "Footer" }, indentation, new Justification { Val = side }),
            new Run(new Text("— ") { Space = SpaceProcessingModeValues.Preserve }),
            new Run(new FieldChar { FieldCharType = FieldCharValues.Begin }),
            new Run(new FieldCode(" PAGE ") { Space = SpaceProcessingModeValues.Preserve }),
            new Run(new FieldChar { FieldCharType = FieldCharValues.Separate }),
            new Run(new Text("1")),
            new Run(new FieldChar { FieldCharType = FieldCharValues.End }),
            new Run(new Text(" —") { Space = SpaceProcessingModeValues.Preserve })));
        return footer;
    }

    private static SectionProperties SectionProperties(string oddFooterId, string evenFooterId) => new(
        new FooterReference { Type = HeaderFooterValues.Default, Id = oddFooterId },
        new FooterReference { Type = HeaderFooterValues.Even, Id = evenFooterId },
        new PageSize { Width = 11906U, Height = 16838U },                                      // A4
        new PageMargin { Top = 2098, Bottom = 1984, Left = 1587U, Right = 1474U, Header = 851U, Footer = 992U, Gutter = 0U },
        new DocGrid { Type = DocGridValues.Lines, LinePitch = (int)LinePitch });
}
