using System.Net;
using Microsoft.EntityFrameworkCore;
using Shuzhi.Domain.Organizations;
using Shuzhi.Web.Features;
using Shuzhi.Web.Tests.Infrastructure;

namespace Shuzhi.Web.Tests.Audit;

public abstract class AuditChainTests<TFactory>(TFactory f) where TFactory : ShuzhiFactory
{
    [Fact]
    public async Task Changes_are_audited_with_who_what_and_the_old_and_new_values()
    {
        var pages = await f.PagesAsync(f.Data.A.StaffUser);
        var res = await pages.PostFormAsync($"/Organizations/Manage/Edit/{f.Data.A.Village2.Id}",
            new() { ["Fields.Name"] = "甲县二村党支部（改名）", ["Fields.Kind"] = "Branch", ["Fields.UnitType"] = "Village", ["Fields.SortOrder"] = "2" });
        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
        await f.WithDbAsync(async db =>
        {
            var entry = await db.AuditEntries.Where(a => a.EntityType == nameof(Organization) && a.EntityId == f.Data.A.Village2.Id.ToString() && a.Action == "update")
                .OrderByDescending(a => a.Id).FirstAsync();
            Assert.Equal(f.Data.A.StaffUser, entry.Actor);
            Assert.Contains("甲县二村党支部（改名）", entry.Details);
            Assert.Contains("甲县二村党支部", entry.Details);
            Assert.StartsWith("/P/CA/", entry.OrgPath);
        });
    }

    [Fact]
    public async Task The_chain_verifies_and_an_edited_row_is_detected()
    {
        var check = await f.WithDbAsync((db, _) => AuditVerifier.VerifyAsync(db, default));
        Assert.Null(check.FirstBrokenId);
        Assert.True(check.Checked > 10);

        var victim = await f.WithDbAsync((db, _) => db.AuditEntries.OrderBy(a => a.Id).Skip(5).Select(a => a.Id).FirstAsync());
        // The database refuses the change itself …
        await f.WithDbAsync(async db =>
        {
            var sql = db.IsPostgres ? $"UPDATE \"AuditEntries\" SET \"Actor\" = 'mallory' WHERE \"Id\" = {victim}" : $"UPDATE AuditEntries SET Actor = 'mallory' WHERE Id = {victim}";
            await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync(sql));
        });
        // … and someone who drops the trigger is still caught by the chain.
        await f.WithDbAsync(async db =>
        {
            if (db.IsPostgres)
            {
                var update = $"UPDATE \"AuditEntries\" SET \"Actor\" = 'mallory' WHERE \"Id\" = {victim}";
                await db.Database.ExecuteSqlRawAsync("ALTER TABLE \"AuditEntries\" DISABLE TRIGGER audit_no_change");
                await db.Database.ExecuteSqlRawAsync(update);
                await db.Database.ExecuteSqlRawAsync("ALTER TABLE \"AuditEntries\" ENABLE TRIGGER audit_no_change");
            }
            else
            {
                var update = $"UPDATE AuditEntries SET Actor = 'mallory' WHERE Id = {victim}";
                await db.Database.ExecuteSqlRawAsync("DROP TRIGGER audit_no_update");
                await db.Database.ExecuteSqlRawAsync(update);
                await db.Database.ExecuteSqlRawAsync("CREATE TRIGGER audit_no_update BEFORE UPDATE ON AuditEntries BEGIN SELECT RAISE(ABORT, 'AuditEntries is append-only'); END;");
            }
        });
        var broken = await f.WithDbAsync((db, _) => AuditVerifier.VerifyAsync(db, default));
        Assert.Equal(victim, broken.FirstBrokenId);

        var admin = await f.PagesAsync("admin", ShuzhiFactory.AdminPassword);
        var page = await admin.PostFormAsync("/Audit?handler=Verify", [], "/Audit");
        Assert.Contains($"第 {victim} 条记录处断裂", await page.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Staff_see_the_log_of_their_subtree_only()
    {
        var pages = await f.PagesAsync(f.Data.A.StaffUser);
        var html = await pages.GetStringAsync("/Audit?size=200");
        Assert.Contains("CA-T", html);
        Assert.DoesNotContain("CB-T", html);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await f.PagesAsync(f.Data.A.ViewerUser)).GetAsync("/Audit")).StatusCode);
    }
}

// The tamper test leaves a broken chain behind: each provider gets a factory of its own.
public sealed class AuditChainTests_Sqlite(SqliteFactory f) : AuditChainTests<SqliteFactory>(f), IClassFixture<SqliteFactory>;
public sealed class AuditChainTests_Postgres(PostgresFactory f) : AuditChainTests<PostgresFactory>(f), IClassFixture<PostgresFactory>;
