using Microsoft.Extensions.Caching.Memory;
using Shuzhi.Domain.Meetings;

namespace Shuzhi.Web.Features;

/// <summary>
/// The speakers of a meeting with their ballot forms, kept in memory for the anonymous voting endpoints so a cast
/// does not join four tables for the same 40 rows each time (bench/RESULTS.md, ballots).
/// <para>
/// What a cast must see at once is not kept here: the meeting's state, rehearsal, rules, speaker order and campaign
/// are read with the code on every request (one query), so closing the vote refuses the next cast. The entry is
/// checked against that fresh speaker order and campaign, so a changed order or speaker list reloads it.
/// What lives elsewhere (a track's ballot form, a reporter moved or removed, an organization or person renamed) may
/// change while voting is open as long as the campaign has not reached its evaluation stage: every save that adds,
/// changes or deletes a <see cref="Track"/>, <see cref="CampaignReporter"/>, <see cref="Organization"/> or
/// <see cref="Person"/> calls <see cref="Invalidate"/> once it has been written (AppDbContext.SaveChangesAsync), which
/// retires every entry of this process. An entry is stored under the generation read before its rows were loaded, so
/// a load that raced with such a save is never served after it. Changes that bypass the change tracker, or come from
/// another application node, are seen when an entry expires (<see cref="Lifetime"/>).
/// </para>
/// </summary>
public sealed class MeetingSpeakerCache(IMemoryCache cache)
{
    /// <summary>How long an entry is trusted without any save in this process invalidating it.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    private static long _generation;

    /// <summary>The speakers in order, and the forms the ballot rules check a phone ballot against.</summary>
    public sealed record Entry(int CampaignId, int[] Order, IReadOnlyList<MeetingSpeaker> Speakers, IReadOnlyList<ReporterForm> Forms);

    private sealed record Key(int MeetingId, long Generation);

    /// <summary>Retires every entry (process-wide): called after a save that touched speakers, tracks, organizations or people.</summary>
    public static void Invalidate() => Interlocked.Increment(ref _generation);

    private static bool SameOrder(int[] cached, IReadOnlyList<int> now)
    {
        if (cached.Length != now.Count) return false;
        for (var i = 0; i < cached.Length; i++)
            if (cached[i] != now[i]) return false;
        return true;
    }

    /// <summary>
    /// The speakers of a meeting whose campaign and speaker order were just read from the database; on a miss
    /// <paramref name="load"/> reads them (MeetingCommands.SpeakersAsync).
    /// </summary>
    public async Task<Entry> GetAsync(int meetingId, int campaignId, IReadOnlyList<int> order,
        Func<CancellationToken, Task<IReadOnlyList<MeetingSpeaker>>> load, CancellationToken ct)
    {
        var generation = Interlocked.Read(ref _generation);
        var key = new Key(meetingId, generation);
        if (cache.TryGetValue(key, out Entry? hit) && hit!.CampaignId == campaignId && SameOrder(hit.Order, order))
            return hit;
        var speakers = await load(ct);
        var entry = new Entry(campaignId, [.. order], speakers, speakers.Select(s => s.ReporterForm).ToList());
        cache.Set(key, entry, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = Lifetime });
        return entry;
    }
}
