using System.Diagnostics;
using Xunit.Abstractions;
using static Shuzhi.Web.Documents.Tests.TestFiles;

namespace Shuzhi.Web.Documents.Tests;

public class XlsxLargeTests(ITestOutputHelper output)
{
    [Fact]
    public void Two_hundred_thousand_rows_write_and_read_back()
    {
        const int count = 200_000;
        var rows = Enumerable.Range(1, count).Select(i => Row(
            i, $"客户{i}", $"上海市浦东新区{i % 97}号", i * 1.25m, new DateOnly(2024, 1, 1).AddDays(i % 365), i % 2 == 0, $"备注 {i}", (long)i * 1000));
        var path = Path.Combine(Path.GetTempPath(), $"xlsx-large-{Guid.NewGuid():N}.xlsx");
        try
        {
            var watch = Stopwatch.StartNew();
            using (var file = File.Create(path))
            {
                Xlsx.Write(file, [new XlsxSheet("大数据", ["序号", "客户", "地址", "金额", "日期", "启用", "备注", "编码"], rows)]);
            }
            var written = watch.Elapsed;
            var size = new FileInfo(path).Length;

            using var input = File.OpenRead(path);
            var table = Xlsx.Read(input, new XlsxLimits { MaxBytes = 64 * 1024 * 1024, MaxUncompressedBytes = 1024L * 1024 * 1024 }).Single();
            output.WriteLine($"write {written}, read {watch.Elapsed - written}, {size / 1024} KiB");

            Assert.Equal(count, table.Rows.Count);
            var last = table.Rows[^1];
            Assert.Equal(count + 1, last.RowNumber);
            Assert.Equal(["200000", "客户200000", "上海市浦东新区83号", "250000", "2024-12-11", "是", "备注 200000", "200000000"], last.Cells);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
