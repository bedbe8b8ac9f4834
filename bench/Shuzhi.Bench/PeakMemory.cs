namespace Shuzhi.Bench;

/// <summary>
/// The peak resident memory of a phase: on Linux the kernel's high-water mark (VmHWM in /proc/self/status), reset by
/// writing 5 to /proc/self/clear_refs at the start of the phase; elsewhere the process's peak working set since its start.
/// </summary>
public static class PeakMemory
{
    public static void Reset()
    {
        try { File.WriteAllText("/proc/self/clear_refs", "5"); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }

    public static long Bytes()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    return long.Parse(line[6..].Trim().Split(' ')[0]) * 1024;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        return System.Diagnostics.Process.GetCurrentProcess().PeakWorkingSet64;
    }

    public static string Text() => $"{Bytes() / 1048576} MiB";
}
