using System.IO.Compression;
using static Shuzhi.Web.Documents.Tests.TestFiles;

namespace Shuzhi.Web.Documents.Tests;

public class XlsxSafetyTests
{
    private static byte[] SmallWorkbook() => Write(new XlsxSheet("表", ["列"], [Row("值")]));

    [Fact]
    public void Not_a_zip_is_rejected()
    {
        Assert.Equal(XlsxFormatException.NotXlsx, ReadFails("姓名,年龄\n张三,30"u8.ToArray()).Code);
        Assert.Equal(XlsxFormatException.NotXlsx, ReadFails([]).Code);
    }

    [Fact]
    public void Encrypted_or_legacy_office_file_is_rejected_as_not_xlsx()
    {
        var error = ReadFails([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0]);

        Assert.Equal(XlsxFormatException.NotXlsx, error.Code);
        Assert.Contains("OLE", error.Detail);
    }

    [Fact]
    public void Oversize_file_is_rejected()
    {
        var bytes = SmallWorkbook();
        var limits = new XlsxLimits { MaxBytes = bytes.Length - 1 };

        Assert.Equal(XlsxFormatException.TooLarge, ReadFails(bytes, limits).Code);
        var error = Assert.Throws<XlsxFormatException>(() => Xlsx.Read(new UnknownLengthStream(bytes), limits));
        Assert.Equal(XlsxFormatException.TooLarge, error.Code);
        Assert.Single(Xlsx.Read(new UnknownLengthStream(bytes), new XlsxLimits { MaxBytes = bytes.Length }));
    }

    [Fact]
    public void Zip_bomb_is_rejected()
    {
        using var output = new MemoryStream();
        using (var archive = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            archive.CreateEntry("[Content_Types].xml").Open().Dispose();
            archive.CreateEntry("xl/workbook.xml").Open().Dispose();
            using var bomb = archive.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 50; i++) bomb.Write(zeros);
        }

        var error = ReadFails(output.ToArray());

        Assert.Equal(XlsxFormatException.ZipBomb, error.Code);
        Assert.Contains("sheet1.xml", error.Detail);
    }

    [Fact]
    public void Too_much_uncompressed_data_or_too_many_entries_is_rejected()
    {
        var bytes = SmallWorkbook();

        Assert.Equal(XlsxFormatException.ZipBomb, ReadFails(bytes, new XlsxLimits { MaxUncompressedBytes = 1000 }).Code);
        Assert.Equal(XlsxFormatException.ZipBomb, ReadFails(bytes, new XlsxLimits { MaxEntries = 3 }).Code);
    }

    [Theory]
    [InlineData("../evil.xml")]
    [InlineData("xl/../../evil.xml")]
    [InlineData("/etc/passwd")]
    [InlineData("\\windows\\evil.xml")]
    [InlineData("C:/evil.xml")]
    public void Path_traversal_entry_is_rejected(string entryName)
    {
        var bytes = Zip(("[Content_Types].xml", ContentTypes), ("xl/workbook.xml", "<workbook/>"), (entryName, "x"));

        var error = ReadFails(bytes);

        Assert.Equal(XlsxFormatException.BadEntry, error.Code);
        Assert.Equal(entryName, error.Detail);
    }

    [Fact]
    public void Vba_project_is_rejected_as_macro_enabled()
    {
        var bytes = Zip(("[Content_Types].xml", ContentTypes), ("xl/workbook.xml", "<workbook/>"), ("xl/vbaProject.bin", "VBA"));

        Assert.Equal(XlsxFormatException.MacroEnabled, ReadFails(bytes).Code);
    }

    [Fact]
    public void Macro_enabled_content_type_is_rejected()
    {
        var contentTypes = ContentTypes.Replace("</Types>",
            """<Override PartName="/xl/workbook.xml" ContentType="application/vnd.ms-excel.sheet.macroEnabled.main+xml"/></Types>""");
        var bytes = Zip(("[Content_Types].xml", contentTypes), ("xl/workbook.xml", "<workbook/>"));

        Assert.Equal(XlsxFormatException.MacroEnabled, ReadFails(bytes).Code);
    }

    [Fact]
    public void Zip_without_workbook_is_rejected()
    {
        var bytes = Zip(("[Content_Types].xml", ContentTypes), ("word/document.xml", "<document/>"));

        Assert.Equal(XlsxFormatException.NotXlsx, ReadFails(bytes).Code);
    }

    [Fact]
    public void Truncated_xlsx_is_corrupt()
    {
        var bytes = SmallWorkbook();

        Assert.Equal(XlsxFormatException.Corrupt, ReadFails(bytes[..(bytes.Length / 2)]).Code);
    }

    [Fact]
    public void Zip_with_broken_workbook_xml_is_corrupt()
    {
        using var buffer = new MemoryStream();
        buffer.Write(SmallWorkbook());
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Update, leaveOpen: true))
        {
            archive.GetEntry("xl/workbook.xml")!.Delete();
            using var writer = new StreamWriter(archive.CreateEntry("xl/workbook.xml").Open());
            writer.Write("<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheets");
        }
        var bytes = buffer.ToArray();

        Assert.Equal(XlsxFormatException.Corrupt, ReadFails(bytes).Code);
    }

    [Fact]
    public void Too_many_rows_are_rejected()
    {
        var rows = Enumerable.Range(1, 11).Select(i => Row(i));
        var bytes = Write(new XlsxSheet("一", ["序号"], rows), new XlsxSheet("二", ["序号"], rows));

        Assert.Equal(2, Read(bytes, new XlsxLimits { MaxRows = 22 }).Count);
        Assert.Equal(XlsxFormatException.TooManyRows, ReadFails(bytes, new XlsxLimits { MaxRows = 21 }).Code);
    }
}
