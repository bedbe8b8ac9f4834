namespace Shuzhi.Web.Features;

public sealed record ChainCheck(long Checked, long? FirstBrokenId);

public static class AuditVerifier
{
    /// <summary>Recomputes the whole hash chain in id order, streaming; reports the first entry whose hash or link is wrong.</summary>
    public static async Task<ChainCheck> VerifyAsync(AppDbContext db, CancellationToken ct)
    {
        var previous = "";
        long count = 0;
        await foreach (var e in db.AuditEntries.IgnoreQueryFilters().AsNoTracking().OrderBy(a => a.Id).AsAsyncEnumerable().WithCancellation(ct))
        {
            count++;
            if (e.PreviousHash != previous || AuditWriter.ComputeHash(e) != e.Hash) return new(count, e.Id);
            previous = e.Hash;
        }
        return new(count, null);
    }
}
