using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using static Shuzhi.Web.Documents.Tests.TestFiles;

namespace Shuzhi.Web.Documents.Tests;

/// <summary>Reads workbooks built directly with the OpenXml SDK, shaped the way Excel and WPS save them.</summary>
public class XlsxReadFormatsTests
{
    private const uint DateStyle = 1, ChineseDateStyle = 2, DecimalStyle = 3, TimeStyle = 4, CustomStyle = 5;

    private static byte[] Workbook(bool date1904, params Row[] rows) => Workbook(date1904, "0", rows);

    private static byte[] Workbook(bool date1904, string customFormat, params Row[] rows)
    {
        using var output = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = document.AddWorkbookPart();
            var sheetPart = workbookPart.AddNewPart<WorksheetPart>();
            sheetPart.Worksheet = new Worksheet(new SheetData(rows));

            workbookPart.AddNewPart<SharedStringTablePart>().SharedStringTable = new SharedStringTable(
                new SharedStringItem(new Text("日期")),
                new SharedStringItem(new Run(new Text("富")), new Run(new Text("文本")), new PhoneticRun(new Text("フ"))),
                new SharedStringItem(new Text("  含空格\u3000 ")),
                new SharedStringItem(new Text("换行_x000D_\n第二行")));

            workbookPart.AddNewPart<WorkbookStylesPart>().Stylesheet = new Stylesheet(
                new NumberingFormats(
                    new NumberingFormat { NumberFormatId = 176, FormatCode = "yyyy\"年\"m\"月\"d\"日\";@" },
                    new NumberingFormat { NumberFormatId = 177, FormatCode = "#,##0.00\"元\"" },
                    new NumberingFormat { NumberFormatId = 178, FormatCode = "[h]:mm:ss" },
                    new NumberingFormat { NumberFormatId = 179, FormatCode = customFormat }),
                new Fonts(new Font()), new Fills(new Fill()), new Borders(new Border()),
                new CellFormats(
                    new CellFormat(),
                    new CellFormat { NumberFormatId = 14, ApplyNumberFormat = true },
                    new CellFormat { NumberFormatId = 176, ApplyNumberFormat = true },
                    new CellFormat { NumberFormatId = 177, ApplyNumberFormat = true },
                    new CellFormat { NumberFormatId = 178, ApplyNumberFormat = true },
                    new CellFormat { NumberFormatId = 179, ApplyNumberFormat = true }));

            workbookPart.Workbook = new Workbook(
                new WorkbookProperties { Date1904 = date1904 },
                new Sheets(new Sheet { Name = "导入", SheetId = 1, Id = workbookPart.GetIdOfPart(sheetPart) }));
        }
        return output.ToArray();
    }

    private static Cell Number(string reference, string value, uint? style = null) =>
        new() { CellReference = reference, CellValue = new CellValue(value), StyleIndex = style is { } s ? s : null };

    private static Cell Shared(string reference, int index) =>
        new() { CellReference = reference, DataType = CellValues.SharedString, CellValue = new CellValue(index.ToString()) };

    private static Row Header() => new Row(Shared("A1", 0), Shared("B1", 1), Shared("C1", 2)) { RowIndex = 1 };

    [Fact]
    public void Date_formatted_numbers_are_read_as_iso_dates()
    {
        var bytes = Workbook(false, Header(), new Row(
            Number("A2", "45280", DateStyle),
            Number("B2", "45281.75", ChineseDateStyle),
            Number("C2", "1234.5", DecimalStyle),
            Number("D2", "1.5", TimeStyle),
            Number("E2", "45280")) { RowIndex = 2 });

        var row = Read(bytes).Single().Rows.Single();

        Assert.Equal(["2023-12-20", "2023-12-21", "1234.5", "1.5", "45280"], row.Cells);
    }

    [Fact]
    public void Date1904_workbooks_shift_dates()
    {
        var bytes = Workbook(true, Header(), new Row(Number("A2", "43818", DateStyle)) { RowIndex = 2 });

        Assert.Equal("2023-12-20", Read(bytes).Single().Rows.Single().Cells[0]);
    }

    [Fact]
    public void Shared_rich_and_inline_strings_are_resolved_and_trimmed()
    {
        var bytes = Workbook(false, Header(), new Row(
            Shared("A2", 3),
            new Cell(new InlineString(new Text("\u3000内联 "))) { CellReference = "B2", DataType = CellValues.InlineString },
            new Cell(new InlineString(new Run(new Text("富")), new Run(new Text("内联")))) { CellReference = "C2", DataType = CellValues.InlineString })
        { RowIndex = 2 });

        var table = Read(bytes).Single();

        Assert.Equal(["日期", "富文本", "含空格"], table.Headers);
        Assert.Equal(["换行\r\n第二行", "内联", "富内联"], table.Rows.Single().Cells);
    }

    [Fact]
    public void Formulas_booleans_and_errors_use_their_cached_values()
    {
        var bytes = Workbook(false, Header(), new Row(
            new Cell(new CellFormula("A1+1"), new CellValue("45281")) { CellReference = "A2", StyleIndex = DateStyle },
            new Cell(new CellFormula("\"甲\"&\"乙\""), new CellValue("甲乙")) { CellReference = "B2", DataType = CellValues.String },
            new Cell(new CellValue("1")) { CellReference = "C2", DataType = CellValues.Boolean },
            new Cell(new CellValue("0")) { CellReference = "D2", DataType = CellValues.Boolean },
            new Cell(new CellFormula("1/0"), new CellValue("#DIV/0!")) { CellReference = "E2", DataType = CellValues.Error })
        { RowIndex = 2 });

        Assert.Equal(["2023-12-21", "甲乙", "是", "否", "#DIV/0!"], Read(bytes).Single().Rows.Single().Cells);
    }

    [Fact]
    public void Numbers_render_like_excel_displays_them()
    {
        var bytes = Workbook(false, Header(), new Row(
            Number("A2", "0.30000000000000004"),
            Number("B2", "1E-3"),
            Number("C2", "13800138000"),
            Number("D2", "-0"),
            Number("E2", "1.2345678901234567E+20")) { RowIndex = 2 });

        Assert.Equal(["0.3", "0.001", "13800138000", "0", "123456789012346000000"], Read(bytes).Single().Rows.Single().Cells);
    }

    [Fact]
    public void Cells_without_references_fall_back_to_their_position()
    {
        var bytes = Workbook(false,
            Header(),
            new Row(new Cell { CellValue = new CellValue("1") }, new Cell { CellValue = new CellValue("2") }),
            new Row(Number("C4", "3"), new Cell { CellValue = new CellValue("4") }),
            new Row(Number("AA6", "5")) { RowIndex = 6 });

        var rows = Read(bytes).Single().Rows;

        Assert.Equal([2, 3, 6], rows.Select(r => r.RowNumber));
        Assert.Equal(["1", "2", ""], rows[0].Cells);
        Assert.Equal(["", "", "3", "4"], rows[1].Cells);
        Assert.Equal(27, rows[2].Cells.Count);
        Assert.Equal("5", rows[2].Cells[26]);
    }

    [Theory]
    [InlineData("yyyy-mm-dd", true)]
    [InlineData("yyyy\"年\"m\"月\"d\"日\"", true)]
    [InlineData("[$-804]mmmm d, yyyy", true)]
    [InlineData("mmm-yy", true)]
    [InlineData("0.00", false)]
    [InlineData("#,##0.0\"d\"", false)]
    [InlineData("h:mm:ss", false)]
    [InlineData("[Red]0.0;\\-0.0", false)]
    [InlineData("General", false)]
    public void Custom_date_formats_are_recognized(string code, bool isDate)
    {
        var bytes = Workbook(false, code, Header(), new Row(Number("A2", "45280", CustomStyle)) { RowIndex = 2 });

        Assert.Equal(isDate ? "2023-12-20" : "45280", Read(bytes).Single().Rows.Single().Cells[0]);
    }
}
