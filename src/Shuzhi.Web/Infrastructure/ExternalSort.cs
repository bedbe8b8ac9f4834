namespace Shuzhi.Web.Infrastructure;

/// <summary>
/// Sorts byte strings with bounded memory (an external merge sort): items are kept until they take
/// <c>memoryBudget</c> bytes, then that run is sorted and written to a temporary file; <see cref="Sorted"/> merges the
/// runs (or sorts in memory when nothing was written). The files are opened delete-on-close and go with
/// <see cref="Dispose"/>. Used by the ballots' digest (MeetingCommands.DigestAsync), which must hash every ballot's line
/// in sorted order without holding a million of them.
/// </summary>
public sealed class ExternalSort(IComparer<byte[]> comparer, long memoryBudget, string? directory = null) : IDisposable
{
    /// <summary>At most this many runs are merged at once; more are first merged into one run.</summary>
    public const int MaxFanIn = 64;

    private const int ItemOverhead = 32; // an array's header and the list's reference, roughly
    private readonly List<byte[]> _buffer = [];
    private readonly List<Run> _runs = [];

    private sealed record Run(FileStream File, long Count);
    private long _buffered;
    private bool _read;

    /// <summary>How many runs went to disk so far.</summary>
    public int RunsWritten { get; private set; }

    public long Count { get; private set; }

    public void Add(byte[] item)
    {
        if (_read) throw new InvalidOperationException("The items were already read.");
        _buffer.Add(item);
        _buffered += item.Length + ItemOverhead;
        Count++;
        if (_buffered >= memoryBudget) Spill();
    }

    /// <summary>Every item added, in order; once.</summary>
    public IEnumerable<byte[]> Sorted()
    {
        if (_read) throw new InvalidOperationException("The items were already read.");
        _read = true;
        _buffer.Sort(comparer);
        if (_runs.Count == 0) return _buffer;
        if (_buffer.Count > 0) Spill();
        return Merge(_runs.ToList());
    }

    private void Spill()
    {
        _buffer.Sort(comparer);
        var run = NewRun();
        using (var writer = new BinaryWriter(run, System.Text.Encoding.UTF8, leaveOpen: true))
            foreach (var item in _buffer) Write(writer, item);
        var count = _buffer.Count;
        _buffer.Clear();
        _buffered = 0;
        AddRun(new Run(run, count));
    }

    private void AddRun(Run run)
    {
        run.File.Flush();
        run.File.Position = 0;
        _runs.Add(run);
        RunsWritten++;
        if (_runs.Count < MaxFanIn) return;
        // Too many files to merge at once: fold them into one run.
        var merged = NewRun();
        long count = 0;
        using (var writer = new BinaryWriter(merged, System.Text.Encoding.UTF8, leaveOpen: true))
            foreach (var item in Merge(_runs.ToList()))
            {
                Write(writer, item);
                count++;
            }
        AddRun(new Run(merged, count));
    }

    private FileStream NewRun() =>
        new(Path.Combine(directory ?? Path.GetTempPath(), "shuzhi-sort-" + Guid.NewGuid().ToString("N")),
            FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);

    private static void Write(BinaryWriter writer, byte[] item)
    {
        writer.Write7BitEncodedInt(item.Length);
        writer.Write(item);
    }

    /// <summary>A k-way merge of sorted runs; each run's file is closed (and so deleted) when it is used up.</summary>
    private IEnumerable<byte[]> Merge(List<Run> runs)
    {
        var readers = runs.Select(r => new BinaryReader(new BufferedStream(r.File, 1 << 16))).ToList();
        var left = runs.Select(r => r.Count).ToArray();
        try
        {
            var queue = new PriorityQueue<int, byte[]>(comparer);
            for (var i = 0; i < readers.Count; i++)
                if (left[i]-- > 0) queue.Enqueue(i, Read(readers[i]));
            while (queue.TryDequeue(out var i, out var item))
            {
                yield return item;
                if (left[i]-- > 0) queue.Enqueue(i, Read(readers[i]));
                else readers[i].Dispose();
            }
        }
        finally
        {
            foreach (var reader in readers) reader.Dispose();
            foreach (var run in runs) _runs.Remove(run);
        }
    }

    private static byte[] Read(BinaryReader reader)
    {
        var length = reader.Read7BitEncodedInt();
        var item = reader.ReadBytes(length);
        if (item.Length != length) throw new EndOfStreamException("A sorted run ended early.");
        return item;
    }

    public void Dispose()
    {
        foreach (var run in _runs) run.File.Dispose();
        _runs.Clear();
        _buffer.Clear();
    }
}
