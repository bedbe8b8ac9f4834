using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using static Shuzhi.Web.Documents.Tests.TestFiles;

namespace Shuzhi.Web.Documents.Tests;

public class XlsxRoundTripTests
{
    private static byte[] PeopleWorkbook() => Write(
        new XlsxSheet("人员名单", ["姓名", "年龄", "入职日期", "备注", "工资"],
        [
            Row("张三", 30, new DateOnly(2023, 12, 20), null, 12345.67m),
            Row("李四", 25L, new DateOnly(2024, 1, 5), "负责华东区 销售", 0.1 + 0.2),
            Row("王五", -3, null, "", 1e20),
        ]),
        new XlsxSheet("杂项", ["项目", "值"],
        [
            Row("布尔", true),
            Row("布尔", false),
            Row("长整数", 123456789012345678L),
            Row("时间", new DateTime(2024, 2, 29, 13, 45, 0)),
            Row("转义", "a_x0041_b"),
        ]));

    [Fact]
    public void Round_trip_keeps_chinese_text_and_numbers()
    {
        var tables = Read(PeopleWorkbook());

        Assert.Equal(["人员名单", "杂项"], tables.Select(t => t.SheetName));
        var people = tables[0];
        Assert.Equal(["姓名", "年龄", "入职日期", "备注", "工资"], people.Headers);
        Assert.Equal([2, 3, 4], people.Rows.Select(r => r.RowNumber));
        Assert.Equal(["张三", "30", "2023-12-20", "", "12345.67"], people.Rows[0].Cells);
        Assert.Equal(["李四", "25", "2024-01-05", "负责华东区 销售", "0.3"], people.Rows[1].Cells);
        Assert.Equal(["王五", "-3", "", "", "100000000000000000000"], people.Rows[2].Cells);

        var misc = tables[1].Rows.Select(r => r.Cells[1]).ToArray();
        Assert.Equal(["是", "否", "123456789012345678", "2024-02-29 13:45:00", "a_x0041_b"], misc);
    }

    [Fact]
    public void Numbers_are_written_as_numeric_cells_and_dates_as_iso_text()
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(PeopleWorkbook()), false);
        var cells = document.WorkbookPart!.WorksheetParts.First().Worksheet.Descendants<Cell>()
            .ToDictionary(c => c.CellReference!.Value!);

        Assert.Null(cells["B2"].DataType);
        Assert.Equal("30", cells["B2"].CellValue!.Text);
        Assert.Equal(CellValues.InlineString, cells["C2"].DataType!.Value);
        Assert.Equal("2023-12-20", cells["C2"].InnerText);
        Assert.False(cells.ContainsKey("D2")); // null → no cell at all
    }

    [Fact]
    public void Formula_looking_strings_are_written_as_quoted_text()
    {
        var bytes = Write(new XlsxSheet("注入", ["输入"],
        [
            Row("=HYPERLINK(\"http://evil\",\"点我\")"),
            Row("+1+1"),
            Row("@SUM(A1)"),
            Row("-cmd|' /C calc'!A0"),
            Row("-5"),
            Row("-"),
            Row("\t=1"),
            Row("普通文本"),
        ]));

        var values = Read(bytes)[0].Rows.Select(r => r.Cells[0]).ToArray();
        Assert.Equal(
            ["'=HYPERLINK(\"http://evil\",\"点我\")", "'+1+1", "'@SUM(A1)", "'-cmd|' /C calc'!A0", "-5", "-", "'\t=1", "普通文本"],
            values);

        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var worksheet = document.WorkbookPart!.WorksheetParts.Single().Worksheet;
        Assert.Empty(worksheet.Descendants<CellFormula>());
        Assert.All(worksheet.Descendants<Cell>(), c => Assert.Equal(CellValues.InlineString, c.DataType!.Value));

        using var zip = new ZipArchive(new MemoryStream(bytes));
        foreach (var entry in zip.Entries)
        {
            using var reader = new StreamReader(entry.Open(), Encoding.UTF8);
            Assert.DoesNotMatch(@"<(\w+:)?f[\s/>]", reader.ReadToEnd());
        }
    }

    [Fact]
    public void Header_is_the_first_non_empty_row()
    {
        var bytes = Write(new XlsxSheet("表", [],
        [
            Row(null, null),
            Row(null, " 标题A ", "标题B\u3000"),
            Row(null, "x"),
        ]));

        var table = Read(bytes).Single();

        Assert.Equal(["", "标题A", "标题B"], table.Headers);
        var row = Assert.Single(table.Rows);
        Assert.Equal(3, row.RowNumber);
        Assert.Equal(["", "x", ""], row.Cells);
    }

    [Fact]
    public void Empty_rows_are_skipped_but_row_numbers_are_kept()
    {
        var bytes = Write(new XlsxSheet("数据", ["名称", "数量"],
        [
            Row("a", 1),
            Row(null, null),
            Row("b", 2),
            Row("\u3000 ", ""),
            Row(" c\u3000", 3, "额外"),
        ]));

        var rows = Read(bytes).Single().Rows;

        Assert.Equal([2, 4, 6], rows.Select(r => r.RowNumber));
        Assert.Equal(["b", "2"], rows[1].Cells);
        Assert.Equal(["c", "3", "额外"], rows[2].Cells);
    }

    [Fact]
    public void Sheet_names_are_made_valid_and_unique()
    {
        var bytes = Write(
            new XlsxSheet("a/b", ["x"], []),
            new XlsxSheet("A_B", ["x"], []),
            new XlsxSheet("'很长的工作表名称很长的工作表名称很长的工作表名称很长的工作表名称'", ["x"], []),
            new XlsxSheet("  ", ["x"], []),
            new XlsxSheet("[汇总]:*?", ["x"], []));

        var names = Read(bytes).Select(t => t.SheetName).ToArray();

        Assert.Equal(["a_b", "A_B (2)", "很长的工作表名称很长的工作表名称很长的工作表名称很长的工作表名", "Sheet4", "_汇总____"], names);
        Assert.All(names, n => Assert.True(n.Length <= 31));
    }

    [Fact]
    public void Written_workbook_is_schema_valid_with_frozen_filtered_styled_header()
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(PeopleWorkbook()), false);

        Assert.Empty(new OpenXmlValidator().Validate(document));
        var worksheet = document.WorkbookPart!.WorksheetParts.First().Worksheet;
        var pane = worksheet.Descendants<Pane>().Single();
        Assert.Equal("A2", pane.TopLeftCell!.Value);
        Assert.Equal(PaneStateValues.Frozen, pane.State!.Value);
        Assert.Equal("A1:E4", worksheet.GetFirstChild<AutoFilter>()!.Reference!.Value);
        var filterName = document.WorkbookPart.Workbook.DefinedNames!.Elements<DefinedName>().First();
        Assert.Equal(("_xlnm._FilterDatabase", "'人员名单'!$A$1:$E$4"), (filterName.Name!.Value, filterName.Text));

        var header = worksheet.Descendants<Row>().First().Elements<Cell>().First();
        var format = document.WorkbookPart.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<CellFormat>().ElementAt((int)header.StyleIndex!.Value);
        Assert.NotNull(document.WorkbookPart.WorkbookStylesPart.Stylesheet.Fonts!.Elements<Font>().ElementAt((int)format.FontId!.Value).Bold);

        // Chinese text counts double: 负责华东区 销售 is 8 characters but 14 units wide.
        var widths = worksheet.Descendants<Column>().Select(c => c.Width!.Value).ToArray();
        Assert.Equal(5, widths.Length);
        Assert.True(widths[3] >= 16, $"remark column width {widths[3]}");
    }

    [Fact]
    public void Write_works_on_a_forward_only_stream()
    {
        using var buffer = new MemoryStream();
        Xlsx.Write(new ForwardOnlyStream(buffer), [new XlsxSheet("流", ["列"], [Row("值")])]);

        var table = Read(buffer.ToArray()).Single();
        Assert.Equal("值", table.Rows.Single().Cells[0]);
    }

    [Fact]
    public void Writing_no_sheets_gives_one_empty_sheet()
    {
        var table = Read(Write()).Single();

        Assert.Empty(table.Headers);
        Assert.Empty(table.Rows);
    }
}
