using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;
using Shuzhi.Domain.Reports;
using Shuzhi.Web.Infrastructure;
using static Shuzhi.Web.Documents.Tests.TestFiles;

namespace Shuzhi.Web.Documents.Tests;

public class DocxTests
{
    private static readonly Dictionary<string, string> Seed003Text = new()
    {
        ["achievements"] = "今年以来，我始终把抓基层党建作为第一责任，带头履职尽责。",
        ["achievements.political"] = "全年讲党课4次，组织集中学习24次。\n带领班子成员开展主题教育调研12次，形成调研报告3篇。",
        ["achievements.center"] = "围绕乡村振兴，建成高标准农田1200亩，村集体经济收入达到15.6万元。",
        ["achievements.tasks"] = "发展党员3名，培养入党积极分子5名；整顿软弱涣散党组织1个。",
        ["achievements.duty"] = "签订党建目标责任书12份；上年度述职评议指出的3个问题已全部整改。",
        ["problems"] = "一是理论学习不够深入，满足于读文件、记笔记。\n二是抓党建促发展办法不多，集体经济增收渠道单一。\n三是党员教育管理有短板，流动党员联系不够紧密。\n以上问题究其原因，主要在于思想上重视不够、方法上创新不足。",
        ["plans"] = "一是加强理论武装，每月开展集中学习不少于2次。\n二是壮大集体经济，新发展特色产业项目2个。\n三是从严管理党员，建立流动党员联系台账。",
    };

    private static readonly Dictionary<string, string> Seed004Text = new()
    {
        ["progress"] = "",
        ["progress.political"] = "组织党员教师专题学习党的二十大精神8次。",
        ["progress.partybuilding"] = "落实“三会一课”制度，召开支委会12次、党员大会4次，发展党员2名。",
        ["progress.ideology"] = "开展课堂教学巡查30场，排查网络舆情隐患2项。",
        ["progress.role"] = "设立党员示范岗6个，党员教师承担教改项目3项。",
        ["highlights"] = "打造“一支部一特色”品牌，形成“党建+学科”工作法。",
        ["problems"] = "一是支部组织生活形式单一。\n二是党员教师作用发挥不均衡。\n三是品牌建设提炼不够。",
        ["plans"] = "一是创新组织生活方式。\n二是完善党员积分管理。",
    };

    private static byte[] WriteReport(ReportOutline outline, IReadOnlyDictionary<string, string> sections, params string[] subtitle)
    {
        using var output = new MemoryStream();
        Docx.WriteReport(output, new DocxReport("2023年度抓基层党建工作述职报告", subtitle, outline, sections));
        return output.ToArray();
    }

    private static byte[] Seed003Report() =>
        WriteReport(ReportOutline.Seed003, Seed003Text, "中共甲村委员会书记 张三", "2023年12月20日");

    private static IReadOnlyList<DocumentParagraph> Read(byte[] bytes, DocxLimits? limits = null) =>
        Docx.ReadParagraphs(new MemoryStream(bytes), limits);

    private static DocxFormatException ReadFails(byte[] bytes, DocxLimits? limits = null) =>
        Assert.Throws<DocxFormatException>(() => Read(bytes, limits));

    // ---- round trip -------------------------------------------------------------------------------------

    [Fact]
    public void Generated_seed_003_report_parses_back_into_its_sections()
    {
        var match = OutlineMatcher.Match(ReportOutline.Seed003, Read(Seed003Report()));

        foreach (var (key, text) in Seed003Text) Assert.Equal(text, match.Sections[key]);
        Assert.Equal(["2023年度抓基层党建工作述职报告", "中共甲村委员会书记 张三", "2023年12月20日"], match.Unplaced.Select(u => u.Text));
        Assert.Equal("一、主要做法和成效", match.MatchedHeadings["achievements"]);
        Assert.Equal("（四）落实责任方面", match.MatchedHeadings["achievements.duty"]);
        Assert.Equal("三、下步工作打算", match.MatchedHeadings["plans"]);
    }

    [Fact]
    public void Generated_report_marks_headings_by_style_and_leaves_body_plain()
    {
        var paragraphs = Read(Seed003Report());

        Assert.Equal(new DocumentParagraph("一、主要做法和成效", 1), paragraphs.Single(p => p.Text.StartsWith("一、", StringComparison.Ordinal)));
        Assert.Equal(new DocumentParagraph("（二）服务保障中心大局方面", 2), paragraphs.Single(p => p.Text.StartsWith("（二）", StringComparison.Ordinal)));
        Assert.All(paragraphs.Where(p => p.Text.StartsWith("一是", StringComparison.Ordinal)), p => Assert.Null(p.HeadingLevel));
        Assert.Null(paragraphs[0].HeadingLevel); // the title
    }

    [Fact]
    public void Generated_seed_004_report_parses_back_into_its_sections()
    {
        var bytes = WriteReport(ReportOutline.Seed004, Seed004Text, "某学院党总支书记 李四", "2024年1月10日");

        var match = OutlineMatcher.Match(ReportOutline.Seed004, Read(bytes));

        foreach (var (key, text) in Seed004Text) Assert.Equal(text, match.Sections[key]);
        Assert.Equal(8, match.MatchedHeadings.Count);
        Assert.Equal("四、下一步工作计划", match.MatchedHeadings["plans"]);
        Assert.Equal(3, match.Unplaced.Count);
    }

    [Fact]
    public void Empty_optional_sub_parts_are_left_out_and_numbering_closes_up()
    {
        var text = new Dictionary<string, string>(Seed003Text) { ["achievements.political"] = "", ["achievements.center"] = " " };

        var paragraphs = Read(WriteReport(ReportOutline.Seed003, text)).Select(p => p.Text).ToList();

        Assert.DoesNotContain(paragraphs, p => p.Contains("加强政治建设方面", StringComparison.Ordinal));
        Assert.Contains("（一）推进基层党建工作重点任务落实方面", paragraphs);
        Assert.Contains("（二）落实责任方面", paragraphs);
        Assert.Contains("一、主要做法和成效", paragraphs);
    }

    /// <summary>How most people write: Normal style, numbering typed in, headings made bold by hand, run-in sub-parts.</summary>
    [Fact]
    public void A_plain_word_document_with_typed_numbering_parses_into_the_seed_003_sections()
    {
        var bytes = PlainDocument(body =>
        {
            body.Append(P("2023年度抓基层党建述职报告"));
            body.Append(P("XX书记"));
            body.Append(P("根据会议安排，现就2023年度抓基层党建工作情况述职如下："));
            body.Append(P(Bold("一、主要做法及成效")));
            body.Append(P("（一）加强政治建设方面。全年讲党课4次，", "组织集中学习24次。"));
            body.Append(P("(二) 服务保障中心大局方面"));
            body.Append(P("建成高标准农田1200亩。"));
            body.Append(P("（三）推进基层党建工作重点任务落实方面：发展党员3名。"));
            body.Append(P("（四）落实责任方面"));
            body.Append(P("签订责任书12份。"));
            body.Append(P(Bold("二、存在的问题及原因分析")));
            body.Append(P("一是学习不深。"));
            body.Append(P("二是办法不多。"));
            body.Append(P("三是管理不严。"));
            body.Append(P("以上问题究其原因，主要在于重视不够。"));
            body.Append(P(Bold("三、下一步工作打算")));
            body.Append(P("一是抓学习。"));
            body.Append(P(""));
            body.Append(P("二是强产业。"));
        });

        var paragraphs = Read(bytes);
        var match = OutlineMatcher.Match(ReportOutline.Seed003, paragraphs);

        Assert.True(paragraphs.Single(p => p.Text == "一、主要做法及成效").Bold);
        Assert.False(paragraphs.Single(p => p.Text == "一是学习不深。").Bold);
        Assert.Equal("全年讲党课4次，组织集中学习24次。", match.Sections["achievements.political"]);
        Assert.Equal("建成高标准农田1200亩。", match.Sections["achievements.center"]);
        Assert.Equal("发展党员3名。", match.Sections["achievements.tasks"]);
        Assert.Equal("签订责任书12份。", match.Sections["achievements.duty"]);
        Assert.Equal("一是学习不深。\n二是办法不多。\n三是管理不严。\n以上问题究其原因，主要在于重视不够。", match.Sections["problems"]);
        Assert.Equal("一是抓学习。\n二是强产业。", match.Sections["plans"]);
        Assert.Equal(["2023年度抓基层党建述职报告", "XX书记", "根据会议安排，现就2023年度抓基层党建工作情况述职如下："], match.Unplaced.Select(u => u.Text));
        Assert.Equal([0, 1, 2], match.Unplaced.Select(u => u.Index));
    }

    [Fact]
    public void Heading_levels_come_from_chinese_or_english_style_names_outline_levels_and_based_on_chains()
    {
        var bytes = PlainDocument(body =>
        {
            body.Append(Styled("标题一", style: "1"));
            body.Append(Styled("标题二", style: "a1"));
            body.Append(Styled("标题三", style: "MyHeading"));
            body.Append(Styled("大纲二", outlineLevel: 1));
            body.Append(Styled("正文大纲", outlineLevel: 9));
            body.Append(P("正文"));
        }, styles =>
        {
            styles.Append(ParagraphStyle("1", "heading 1"));
            styles.Append(ParagraphStyle("a1", "标题 2"));
            styles.Append(ParagraphStyle("MyHeading", "我的标题", basedOn: "a1"));
        });

        Assert.Equal([1, 2, 2, 2, null, null], Read(bytes).Select(p => p.HeadingLevel));
    }

    [Fact]
    public void Numbering_and_bold_may_come_from_the_style()
    {
        var bytes = PlainDocument(body =>
        {
            body.Append(Styled("样式编号", style: "ListHeading"));
            body.Append(new Paragraph(
                new ParagraphProperties(new ParagraphStyleId { Val = "ListHeading" }, new NumberingProperties(new NumberingId { Val = 0 })),
                new Run(new Text("取消编号"))));
            body.Append(new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = "ListHeading" }),
                new Run(new RunProperties(new Bold { Val = false }), new Text("不加粗"))));
        }, styles =>
        {
            var style = ParagraphStyle("ListHeading", "列表标题");
            style.Append(new StyleParagraphProperties(new NumberingProperties(new NumberingId { Val = 3 })));
            style.Append(new StyleRunProperties(new Bold()));
            styles.Append(style);
        });

        Assert.Equal(
            [new DocumentParagraph("样式编号", null, true, true), new DocumentParagraph("取消编号", null, true, false), new DocumentParagraph("不加粗", null, false, true)],
            Read(bytes));
    }

    [Fact]
    public void Runs_breaks_tabs_tables_insertions_and_deletions_are_read_as_word_shows_them()
    {
        var bytes = PlainDocument(body =>
        {
            body.Append(new Paragraph(
                new Run(new Text("一、"), new TabChar(), new Text("主要做法和成效")),
                new Run(new Break()),
                new Run(new Text("今年以来，")),
                new InsertedRun(new Run(new Text("我"))) { Author = "a", Id = "1" },
                new DeletedRun(new Run(new DeletedText("班子"))) { Author = "a", Id = "2" },
                new Hyperlink(new Run(new Text("坚持抓党建。"))) { Anchor = "x" }));
            body.Append(new Table(new TableRow(new TableCell(P("开展党课")), new TableCell(P("12次")))));
            body.Append(new Paragraph(
                new ParagraphProperties(new NumberingProperties(new NumberingLevelReference { Val = 0 }, new NumberingId { Val = 1 })),
                new Run(new Text("自动编号"))));
        });

        var paragraphs = Read(bytes);

        Assert.Equal(["一、\t主要做法和成效", "今年以来，我坚持抓党建。", "开展党课", "12次", "自动编号"], paragraphs.Select(p => p.Text));
        Assert.True(paragraphs[^1].Numbered);
        Assert.False(paragraphs[0].Numbered);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Text_box_text_is_read_once(bool withChoice)
    {
        // Word stores a text box twice, for new and old readers (mc:Choice with DrawingML, mc:Fallback with VML).
        const string box = "<w:txbxContent><w:p><w:r><w:t>文本框内容</w:t></w:r></w:p></w:txbxContent>";
        var choice = withChoice
            ? """<mc:Choice Requires="wps"><w:drawing><wp:inline><wp:extent cx="914400" cy="914400"/><wp:docPr id="1" name="文本框 1"/>""" +
              """<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">""" +
              $"""<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr/><wps:txbx>{box}</wps:txbx><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:inline></w:drawing></mc:Choice>"""
            : "";
        var bytes = PlainDocument(_ => { }, afterCreate: main => main.Document = new Document(
            """<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" """ +
            """xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:v="urn:schemas-microsoft-com:vml" """ +
            """xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" """ +
            """xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" mc:Ignorable="wps"><w:body>""" +
            "<w:p><w:r><w:t>前</w:t></w:r></w:p>" +
            $"""<w:p><w:r><mc:AlternateContent>{choice}<mc:Fallback><w:pict><v:shape><v:textbox>{box}</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>""" +
            "<w:p><w:r><w:t>后</w:t></w:r></w:p></w:body></w:document>"));

        Assert.Equal(["前", "文本框内容", "后"], Read(bytes).Select(p => p.Text));
    }

    [Fact]
    public void External_relationships_are_not_followed()
    {
        // A linked template and an external image pointing at a network share and a local file: reading succeeds
        // without touching them, and only the body text comes back.
        var bytes = PlainDocument(body => body.Append(P("正文")), afterCreate: main =>
        {
            var settings = main.AddNewPart<DocumentSettingsPart>();
            var template = settings.AddExternalRelationship(
                "http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate", new Uri(@"\\attacker.example\share\evil.dotm"));
            settings.Settings = new Settings(new AttachedTemplate { Id = template.Id });
            main.AddExternalRelationship("http://schemas.openxmlformats.org/officeDocument/2006/relationships/image", new Uri("file:///etc/passwd"));
        });

        Assert.Equal(["正文"], Read(bytes).Select(p => p.Text));
    }

    // ---- layout -----------------------------------------------------------------------------------------

    [Fact]
    public void Generated_report_is_valid_open_xml()
    {
        using var document = WordprocessingDocument.Open(new MemoryStream(Seed003Report()), false);

        var errors = new OpenXmlValidator(FileFormatVersions.Office2016).Validate(document)
            .Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}").ToList();

        Assert.Empty(errors);
    }

    [Fact]
    public void Generated_report_has_the_official_layout()
    {
        using var document = WordprocessingDocument.Open(new MemoryStream(Seed003Report()), false);
        var main = document.MainDocumentPart!;
        var section = main.Document.Body!.Elements<SectionProperties>().Single();
        var styles = main.StyleDefinitionsPart!.Styles!;
        Style StyleOf(string id) => styles.Elements<Style>().Single(s => s.StyleId == id);

        // A4 with margins 3.7 / 3.5 / 2.8 / 2.6 cm (1 cm = 567 twips).
        var size = section.GetFirstChild<PageSize>()!;
        Assert.Equal((11906U, 16838U), (size.Width!.Value, size.Height!.Value));
        var margin = section.GetFirstChild<PageMargin>()!;
        Assert.Equal((3.7, 3.5, 2.8, 2.6), (Cm(margin.Top!.Value), Cm(margin.Bottom!.Value), Cm(margin.Left!.Value), Cm(margin.Right!.Value)));

        // Body 仿宋_GB2312 三号 (16 pt), fixed line pitch between 28 and 29 pt, first line indented two characters.
        var defaults = styles.DocDefaults!.RunPropertiesDefault!.RunPropertiesBaseStyle!;
        Assert.Equal("仿宋_GB2312", defaults.RunFonts!.EastAsia);
        Assert.Equal("32", defaults.FontSize!.Val);
        var normal = StyleOf("Normal").StyleParagraphProperties!;
        Assert.Equal(LineSpacingRuleValues.Exact, normal.SpacingBetweenLines!.LineRule!.Value);
        Assert.InRange(int.Parse(normal.SpacingBetweenLines.Line!, System.Globalization.CultureInfo.InvariantCulture) / 20.0, 28, 29);
        Assert.Equal(200, normal.Indentation!.FirstLineChars!.Value);

        // Title 方正小标宋简体 二号 centred; parts 黑体, sub-parts 楷体, all 三号.
        Assert.Equal(("方正小标宋简体", "44"), (StyleOf("Title").StyleRunProperties!.RunFonts!.EastAsia!.Value!, StyleOf("Title").StyleRunProperties!.FontSize!.Val!.Value!));
        Assert.Equal(JustificationValues.Center, StyleOf("Title").StyleParagraphProperties!.Justification!.Val!.Value);
        Assert.Equal(("黑体", "32"), (StyleOf("Heading1").StyleRunProperties!.RunFonts!.EastAsia!.Value!, StyleOf("Heading1").StyleRunProperties!.FontSize!.Val!.Value!));
        Assert.StartsWith("楷体", StyleOf("Heading2").StyleRunProperties!.RunFonts!.EastAsia!.Value!);

        // The 公文 fonts fall back to the ones every Chinese Windows has.
        var fonts = main.FontTablePart!.Fonts!.Elements<Font>().ToDictionary(f => f.Name!.Value!, f => f.AltName?.Val?.Value);
        Assert.Equal("宋体", fonts["方正小标宋简体"]);
        Assert.Equal("仿宋", fonts["仿宋_GB2312"]);

        // Page numbers — 1 — on both odd and even pages.
        Assert.Equal(2, section.Elements<FooterReference>().Count());
        foreach (var footer in main.FooterParts)
        {
            Assert.Equal("— 1 —", footer.Footer!.InnerText.Replace(" PAGE ", "", StringComparison.Ordinal));
            Assert.Contains(footer.Footer.Descendants<FieldCode>(), f => f.Text.Trim() == "PAGE");
        }
        Assert.NotNull(main.DocumentSettingsPart!.Settings!.GetFirstChild<EvenAndOddHeaders>());
    }

    private static double Cm(double twips) => Math.Round(twips / 567.0, 1);

    [Fact]
    public void Characters_xml_cannot_hold_are_dropped_from_the_text()
    {
        var text = new Dictionary<string, string>(Seed004Text) { ["highlights"] = "党建\u0000+\u0001学科\uFFFE工作法😀" };

        var match = OutlineMatcher.Match(ReportOutline.Seed004, Read(WriteReport(ReportOutline.Seed004, text)));

        Assert.Equal("党建+学科工作法😀", match.Sections["highlights"]);
    }

    [Fact]
    public void Report_can_be_written_to_a_forward_only_stream()
    {
        using var target = new MemoryStream();
        Docx.WriteReport(new ForwardOnlyStream(target), "标题", "某单位 某人\n2024年1月15日", ReportOutline.Seed004, Seed004Text);

        Assert.Equal(["标题", "某单位 某人", "2024年1月15日"], Read(target.ToArray()).Take(3).Select(p => p.Text));
    }

    // ---- bad uploads ------------------------------------------------------------------------------------

    [Fact]
    public void Legacy_doc_gets_its_own_code_and_a_message_to_save_as_docx()
    {
        var error = ReadFails([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0, 0, 0, 0, 0]);

        Assert.Equal(DocxFormatException.LegacyDoc, error.Code);
        var message = Messages.Get(error.Code);
        Assert.Contains("另存为", message);
        Assert.Contains(".docx", message);
    }

    [Fact]
    public void Macro_enabled_document_is_refused()
    {
        var docm = ReplaceEntry(Seed003Report(), "[Content_Types].xml", text => text.Replace(
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
            "application/vnd.ms-word.document.macroEnabled.main+xml", StringComparison.Ordinal));
        var withVba = AddEntries(Seed003Report(), ("word/vbaProject.bin", "VBA"));

        Assert.Equal(DocxFormatException.MacroEnabled, ReadFails(docm).Code);
        Assert.Equal(DocxFormatException.MacroEnabled, ReadFails(withVba).Code);
    }

    [Fact]
    public void Zip_bomb_is_refused()
    {
        using var output = new MemoryStream();
        using (var archive = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var writer = new StreamWriter(archive.CreateEntry("[Content_Types].xml").Open()))
                writer.Write(ContentTypes.Replace("</Types>", $"""<Override PartName="/word/document.xml" ContentType="{DocxReader.MainContentType}"/></Types>""", StringComparison.Ordinal));
            using var bomb = archive.CreateEntry("word/document.xml", CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 50; i++) bomb.Write(zeros);
        }

        var error = ReadFails(output.ToArray());

        Assert.Equal(DocxFormatException.ZipBomb, error.Code);
        Assert.Contains("document.xml", error.Detail);
        Assert.Equal(DocxFormatException.ZipBomb, ReadFails(Seed003Report(), new DocxLimits { MaxUncompressedBytes = 2000 }).Code);
    }

    [Fact]
    public void Too_many_entries_are_refused()
    {
        var padded = AddEntries(Seed003Report(), [.. Enumerable.Range(0, 600).Select(i => ($"customXml/item{i}.xml", (string?)"<a/>"))]);

        var error = ReadFails(padded);

        Assert.Equal(DocxFormatException.ZipBomb, error.Code);
        Assert.Contains("entries", error.Detail);
        Assert.NotEmpty(Read(Seed003Report(), new DocxLimits { MaxEntries = 20 }));
    }

    [Fact]
    public void Renamed_xlsx_text_file_and_empty_file_are_not_docx()
    {
        var xlsx = TestFiles.Write(new XlsxSheet("表", ["列"], [Row("值")]));

        Assert.Equal(DocxFormatException.NotDocx, ReadFails(xlsx).Code);
        Assert.Equal(DocxFormatException.NotDocx, ReadFails(Encoding.UTF8.GetBytes("一、主要做法和成效\n二、存在问题及原因分析")).Code);
        Assert.Equal(DocxFormatException.NotDocx, ReadFails([]).Code);
    }

    [Fact]
    public void Word_template_is_not_a_document()
    {
        var dotx = ReplaceEntry(Seed003Report(), "[Content_Types].xml", text => text.Replace(
            "wordprocessingml.document.main+xml", "wordprocessingml.template.main+xml", StringComparison.Ordinal));

        Assert.Equal(DocxFormatException.NotDocx, ReadFails(dotx).Code);
    }

    [Fact]
    public void File_over_the_size_limit_is_refused_even_without_a_known_length()
    {
        var bytes = Seed003Report();
        var limits = new DocxLimits { MaxBytes = bytes.Length - 1 };

        Assert.Equal(DocxFormatException.TooLarge, ReadFails(bytes, limits).Code);
        Assert.Equal(DocxFormatException.TooLarge, Assert.Throws<DocxFormatException>(() => Docx.ReadParagraphs(new UnknownLengthStream(bytes), limits)).Code);
        Assert.NotEmpty(Docx.ReadParagraphs(new UnknownLengthStream(bytes), new DocxLimits { MaxBytes = bytes.Length }));
    }

    [Theory]
    [InlineData("../evil.xml")]
    [InlineData("word/../../evil.xml")]
    [InlineData("/etc/passwd")]
    [InlineData("C:/evil.xml")]
    public void Path_traversal_entry_is_refused(string entryName)
    {
        Assert.Equal(DocxFormatException.BadEntry, ReadFails(AddEntries(Seed003Report(), (entryName, "x"))).Code);
    }

    [Fact]
    public void Truncated_or_broken_document_is_corrupt()
    {
        var bytes = Seed003Report();
        var broken = ReplaceEntry(bytes, "word/document.xml", text => text[..(text.Length / 2)]);

        Assert.Equal(DocxFormatException.Corrupt, ReadFails(bytes[..(bytes.Length / 2)]).Code);
        Assert.Equal(DocxFormatException.Corrupt, ReadFails(broken).Code);
    }

    [Fact]
    public void Entity_expansion_in_the_document_xml_is_refused()
    {
        var laughs = ReplaceEntry(Seed003Report(), "word/document.xml", text =>
        {
            var declaration = text.IndexOf("?>", StringComparison.Ordinal) + 2;
            var entities = "<!DOCTYPE w:document [<!ENTITY a \"哈哈哈哈哈哈哈哈\">" +
                string.Concat(Enumerable.Range(1, 9).Select(i => $"<!ENTITY {(char)('a' + i)} \"{string.Concat(Enumerable.Repeat($"&{(char)('a' + i - 1)};", 10))}\">")) + "]>";
            return text[..declaration] + entities + text[declaration..].Replace("一是理论学习", "&j;", StringComparison.Ordinal);
        });

        var error = ReadFails(laughs);
        Assert.Equal(DocxFormatException.Corrupt, error.Code);
        Assert.Contains("DTD", error.Detail);
    }

    [Fact]
    public void Too_many_paragraphs_are_refused()
    {
        var bytes = Seed003Report();
        var count = Read(bytes).Count;

        Assert.Equal(count, Read(bytes, new DocxLimits { MaxParagraphs = count }).Count);
        Assert.Equal(DocxFormatException.TooManyParagraphs, ReadFails(bytes, new DocxLimits { MaxParagraphs = count - 1 }).Code);
    }

    [Fact]
    public void Every_error_code_has_a_chinese_message()
    {
        foreach (var code in DocxFormatException.All)
        {
            var message = Messages.Get(code);
            Assert.NotEqual(code, message);
            Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", message);
        }
    }

    // ---- zip of reports ---------------------------------------------------------------------------------

    [Fact]
    public void Zip_of_reports_has_safe_unique_names_and_readable_reports()
    {
        string[] names = ["../../x.docx", "CON.docx", "甲村/乙组:党支部.docx", "甲村/乙组:党支部.docx", "a\u0000b\u202Ec.docx", "  ..  ", @"C:\Windows\system32.docx"];
        using var output = new MemoryStream();
        Docx.Zip(output, names.Select(n => (n, (Action<Stream>)(s => Docx.WriteReport(s, new DocxReport(n, [], ReportOutline.Seed004, Seed004Text))))));

        using var archive = new ZipArchive(new MemoryStream(output.ToArray()), ZipArchiveMode.Read);

        Assert.Equal(
            ["_.._x.docx", "_CON.docx", "甲村_乙组_党支部.docx", "甲村_乙组_党支部 (2).docx", "abc.docx", "未命名", "C__Windows_system32.docx"],
            archive.Entries.Select(e => e.FullName));
        foreach (var entry in archive.Entries)
        {
            Assert.Equal(entry.FullName, entry.Name);
            using var copy = new MemoryStream();
            using (var stream = entry.Open()) stream.CopyTo(copy);
            var match = OutlineMatcher.Match(ReportOutline.Seed004, Read(copy.ToArray()));
            Assert.Equal(Seed004Text["highlights"], match.Sections["highlights"]);
        }
    }

    [Fact]
    public void Downloads_are_attachments_with_safe_names()
    {
        var report = new DocxReport("述职报告", ["2024年1月15日"], ReportOutline.Seed004, Seed004Text);

        var single = DocxResult.Report(report, "../甲村:党委");
        var zip = DocxResult.Zip([("甲村", report), ("甲村", report), ("乙/村", report)], "2023年度述职报告");
        using var singleStream = single.FileStream;
        using var zipStream = zip.FileStream;

        Assert.Equal((Docx.ContentType, "_甲村_党委.docx"), (single.ContentType, single.FileDownloadName));
        Assert.Equal("述职报告", Docx.ReadParagraphs(single.FileStream)[0].Text);
        Assert.Equal((Docx.ZipContentType, "2023年度述职报告.zip"), (zip.ContentType, zip.FileDownloadName));
        using var archive = new ZipArchive(zip.FileStream, ZipArchiveMode.Read);
        Assert.Equal(["甲村.docx", "甲村 (2).docx", "乙_村.docx"], archive.Entries.Select(e => e.FullName));
    }

    [Theory]
    [InlineData("甲村党支部.docx", "甲村党支部.docx")]
    [InlineData("a<b>c|d?e*f\"g.docx", "a_b_c_d_e_f_g.docx")]
    [InlineData("nul", "_nul")]
    [InlineData("Lpt1.txt.docx", "_Lpt1.txt.docx")]
    [InlineData("CONSOLE.docx", "CONSOLE.docx")]
    [InlineData("报告. . .", "报告")]
    [InlineData("", "未命名")]
    [InlineData(null, "未命名")]
    [InlineData("\t\r\n", "未命名")]
    [InlineData(".docx", "docx")]
    public void File_names_are_sanitized(string? name, string expected)
    {
        Assert.Equal(expected, FileNames.Sanitize(name));
    }

    [Fact]
    public void Long_file_names_are_capped_keeping_the_extension_and_whole_characters()
    {
        var name = new string('村', 150) + "😀😀.docx";

        var capped = FileNames.Sanitize(name, 40);

        Assert.Equal(new string('村', 35) + ".docx", capped);
        var emoji = FileNames.Sanitize(new string('a', 33) + "😀😀😀.docx", 40);
        Assert.Equal(new string('a', 33) + "😀.docx", emoji);
        Assert.True(char.IsSurrogatePair(emoji, 33));
        var unique = new FileNames.Unique(20);
        Assert.Equal(["一二三四五六七八九十一二三四五.docx", "一二三四五六七八九十一 (2).DOCX"], [unique.Next("一二三四五六七八九十一二三四五六七.docx"), unique.Next("一二三四五六七八九十一二三四五.DOCX")]);
    }

    // ---- helpers ----------------------------------------------------------------------------------------

    private static Paragraph P(params string[] runs) => P(runs.Select(r => new Run(new Text(r) { Space = SpaceProcessingModeValues.Preserve })).ToArray());

    private static Paragraph P(params Run[] runs) => new(runs);

    private static Paragraph Styled(string text, string? style = null, int? outlineLevel = null)
    {
        var properties = new ParagraphProperties();
        if (style is not null) properties.Append(new ParagraphStyleId { Val = style });
        if (outlineLevel is { } level) properties.Append(new OutlineLevel { Val = level });
        return new Paragraph(properties, new Run(new Text(text)));
    }

    private static Run Bold(string text) => new(new RunProperties(new Bold()), new Text(text));

    private static Style ParagraphStyle(string id, string name, string? basedOn = null)
    {
        var style = new Style(new StyleName { Val = name }) { Type = StyleValues.Paragraph, StyleId = id };
        if (basedOn is not null) style.Append(new BasedOn { Val = basedOn });
        return style;
    }

    private static byte[] PlainDocument(Action<Body> fill, Action<Styles>? styles = null, Action<MainDocumentPart>? afterCreate = null)
    {
        using var output = new MemoryStream();
        using (var document = WordprocessingDocument.Create(output, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            var body = new Body();
            fill(body);
            main.Document = new Document(body);
            if (styles is not null)
            {
                var definitions = new Styles();
                styles(definitions);
                main.AddNewPart<StyleDefinitionsPart>().Styles = definitions;
            }
            afterCreate?.Invoke(main);
        }
        return output.ToArray();
    }

    private static byte[] ReplaceEntry(byte[] package, string name, Func<string, string> change)
    {
        using var buffer = new MemoryStream();
        buffer.Write(package);
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Update, leaveOpen: true))
        {
            var entry = archive.GetEntry(name)!;
            string text;
            using (var reader = new StreamReader(entry.Open())) text = reader.ReadToEnd();
            entry.Delete();
            using var writer = new StreamWriter(archive.CreateEntry(name).Open());
            writer.Write(change(text));
        }
        return buffer.ToArray();
    }

    private static byte[] AddEntries(byte[] package, params (string Name, string? Text)[] entries)
    {
        using var buffer = new MemoryStream();
        buffer.Write(package);
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Update, leaveOpen: true))
        {
            foreach (var (name, text) in entries)
            {
                using var stream = archive.CreateEntry(name).Open();
                if (text is not null) stream.Write(Encoding.UTF8.GetBytes(text));
            }
        }
        return buffer.ToArray();
    }
}
