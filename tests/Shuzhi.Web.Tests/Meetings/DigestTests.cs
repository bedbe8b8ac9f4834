using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shuzhi.Domain.Meetings;
using Shuzhi.Web.Features;
using Shuzhi.Web.Tests.Infrastructure;
using static Shuzhi.Web.Tests.Meetings.TallyTestKit;

namespace Shuzhi.Web.Tests.Meetings;

/// <summary>
/// The digest stored at the close (MeetingCommands.DigestAsync) is the domain's digest of the ballots (docs/tally.md §5),
/// also when the lines do not fit the sort's memory and go through sorted runs on disk.
/// </summary>
public abstract class DigestTests<TFactory>(TFactory f) where TFactory : ShuzhiFactory
{
    private TestData D => f.Data;

    [Fact]
    public async Task The_stored_digest_is_the_domain_digest_of_the_ballots_also_when_sorted_on_disk()
    {
        var a = await MeetingAsync(f, D.A, 2071);
        var grades = new[] { "好", "较好", "一般", "差" };
        var random = new Random(5);
        Mark[] Ballot() => [Mark.ForGrade(a.Reporter1, grades[random.Next(4)]), Mark.ForGrade(a.Reporter2, grades[random.Next(4)])];
        // 300 phone ballots in two categories (many repeated lines), and a blank paper ballot (invalid).
        await PhoneAsync(f, a.MeetingId, a.Cat1, Enumerable.Range(0, 150).Select(_ => Ballot()).ToArray());
        await PhoneAsync(f, a.MeetingId, a.Cat2, Enumerable.Range(0, 150).Select(_ => Ballot()).ToArray());
        await f.WithDbAsync(async (db, sp) =>
        {
            var m = await db.Meetings.SingleAsync(x => x.Id == a.MeetingId);
            var forms = (await sp.GetRequiredService<MeetingCommands>().SpeakersAsync(m, default)).Select(s => s.ReporterForm).ToList();
            db.MeetingBallots.Add(MeetingBallot.FromPaper(m.Id, a.Cat1, forms, [], m.Rules));
            await db.SaveChangesAsync();
            return 0;
        });
        var expected = BallotDigest.Compute(await BallotsAsync(f, a.MeetingId));

        // In memory (the default budget holds these lines) and through runs on disk (a budget of about 4 lines).
        var inMemory = await f.WithDbAsync((db, sp) => sp.GetRequiredService<MeetingCommands>().DigestAsync(a.MeetingId, default));
        string onDisk;
        var budget = MeetingCommands.DigestMemoryBudget;
        MeetingCommands.DigestMemoryBudget = 4 * 60;
        try
        {
            onDisk = await f.WithDbAsync((db, sp) => sp.GetRequiredService<MeetingCommands>().DigestAsync(a.MeetingId, default));
            await CloseAsync(f, a.MeetingId);
        }
        finally
        {
            MeetingCommands.DigestMemoryBudget = budget;
        }
        Assert.Equal(expected, inMemory);
        Assert.Equal(expected, onDisk);
        var stored = await f.WithDbAsync((db, _) => db.Meetings.Where(m => m.Id == a.MeetingId).Select(m => m.Digest).SingleAsync());
        Assert.Equal(expected, stored);
    }
}

public sealed class DigestTests_Sqlite(SqliteFactory f) : DigestTests<SqliteFactory>(f), IClassFixture<SqliteFactory>;
public sealed class DigestTests_Postgres(PostgresFactory f) : DigestTests<PostgresFactory>(f), IClassFixture<PostgresFactory>;
