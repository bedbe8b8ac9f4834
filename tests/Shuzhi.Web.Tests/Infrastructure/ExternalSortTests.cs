using System.Text;
using Shuzhi.Domain.Meetings;
using Shuzhi.Web.Infrastructure;

namespace Shuzhi.Web.Tests.Infrastructure;

public class ExternalSortTests
{
    private static List<byte[]> Items(int count, int seed)
    {
        var random = new Random(seed);
        string[] parts = ["1;V;", "2;I;", "12;V;", "3=g:%E5%A5%BD,", "4=p:18.5/15,", "好", "\U0001F600", "\uE000", ""];
        return Enumerable.Range(0, count)
            .Select(_ => Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, random.Next(0, 5)).Select(_ => parts[random.Next(parts.Length)]))))
            .ToList();
    }

    private static List<string> Expected(List<byte[]> items) =>
        items.Select(Encoding.UTF8.GetString).Order(StringComparer.Ordinal).ToList();

    [Fact]
    public void Within_the_budget_it_sorts_in_memory_and_writes_no_file()
    {
        var dir = Directory.CreateTempSubdirectory("sort-test-");
        try
        {
            var items = Items(500, 1);
            using var sort = new ExternalSort(BallotDigest.LineOrder, 1 << 20, dir.FullName);
            foreach (var item in items) sort.Add(item);
            Assert.Equal(Expected(items), sort.Sorted().Select(Encoding.UTF8.GetString));
            Assert.Equal(0, sort.RunsWritten);
            Assert.Empty(dir.GetFiles());
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Past_the_budget_it_merges_sorted_runs_from_disk_folding_them_past_the_fan_in_and_deletes_them()
    {
        var dir = Directory.CreateTempSubdirectory("sort-test-");
        try
        {
            var items = Items(20_000, 2);
            var sort = new ExternalSort(BallotDigest.LineOrder, 2_000, dir.FullName);
            foreach (var item in items) sort.Add(item);
            Assert.True(sort.RunsWritten > ExternalSort.MaxFanIn, $"{sort.RunsWritten} runs");
            Assert.NotEmpty(dir.GetFiles());
            var sorted = sort.Sorted().Select(Encoding.UTF8.GetString).ToList();
            Assert.Equal(Expected(items), sorted);
            Assert.Equal(BallotDigest.FromLines(items.Select(Encoding.UTF8.GetString).ToList()),
                BallotDigest.FromSortedLines(sorted.Select(Encoding.UTF8.GetBytes)));
            // The runs are deleted as they are used up; whatever is left goes with Dispose.
            sort.Dispose();
            Assert.Empty(dir.GetFiles());
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Disposed_before_reading_it_deletes_its_runs()
    {
        var dir = Directory.CreateTempSubdirectory("sort-test-");
        try
        {
            var sort = new ExternalSort(BallotDigest.LineOrder, 500, dir.FullName);
            foreach (var item in Items(2_000, 3)) sort.Add(item);
            Assert.NotEmpty(dir.GetFiles());
            sort.Dispose();
            Assert.Empty(dir.GetFiles());
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
