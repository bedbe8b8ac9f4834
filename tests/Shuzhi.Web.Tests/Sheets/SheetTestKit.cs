using Microsoft.EntityFrameworkCore;
using Shuzhi.Domain.Organizations;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Shuzhi.Domain.Scoring;
using Shuzhi.Web.Data;
using Shuzhi.Web.Tests.Campaigns;
using Shuzhi.Web.Tests.Infrastructure;

namespace Shuzhi.Web.Tests.Sheets;

/// <summary>Set-ups for the score-sheet tests: extra villages with their secretaries, a track with a template.</summary>
public static class SheetTestKit
{
    /// <summary>Seed 000's items with a bonus, a deduction (caps 3 and 5) and a veto forcing 一般.</summary>
    public static SheetTemplate Template { get; } = SheetTemplate.Seed000 with
    {
        Bonuses = [new AdjustmentItem("b1", "创新做法", 4m)], BonusCap = 3m,
        Deductions = [new AdjustmentItem("d1", "材料缺失", 10m)], DeductionCap = 5m,
        Vetoes = [new VetoItem("v1", "发生严重违纪问题", Grade.Average)],
    };

    /// <summary>A village under <paramref name="parent"/> with a Secretary account bound to it.</summary>
    public static Task<(Organization Org, string User)> VillageAsync(ShuzhiFactory f, Organization parent, string code, string name, string user) => f.WithDbAsync(async (db, sp) =>
    {
        var p = await db.Organizations.SingleAsync(o => o.Id == parent.Id);
        var v = Organization.Create(code, name, OrganizationKind.Branch, UnitType.Village, p, 9);
        db.Organizations.Add(v);
        await db.SaveChangesAsync();
        await TestData.AccountAsync(sp.GetRequiredService<UserManager<AppUser>>(), user, Shuzhi.Web.Infrastructure.Roles.Secretary, v.Id);
        return (v, user);
    });

    public static Task<string> AccountAsync(ShuzhiFactory f, int orgId, string user, string role) => f.WithDbAsync(async (db, sp) =>
        (await TestData.AccountAsync(sp.GetRequiredService<UserManager<AppUser>>(), user, role, orgId)).Id);

    /// <summary>A campaign of <paramref name="organizerId"/> with one track (template set) and the given reporter organizations.</summary>
    public static async Task<(int CampaignId, int TrackId, Dictionary<int, int> ReporterOf)> CampaignAsync(ShuzhiFactory f, int organizerId, int year, params int[] orgIds)
    {
        var c = await CampaignTestKit.CampaignAsync(f, organizerId, year);
        var t = await CampaignTestKit.TrackAsync(f, c, "党组织书记", Domain.Campaigns.DebriefMode.Written);
        await CampaignTestKit.ReportersAsync(f, c, t, orgIds);
        await f.WithDbAsync(async db =>
        {
            db.TrackSheets.Add(new TrackSheet { TrackId = t, Template = Template });
            await db.SaveChangesAsync();
        });
        var ids = await f.WithDbAsync(async (db, _) => await db.CampaignReporters.Where(r => r.TrackId == t).ToDictionaryAsync(r => r.OrganizationId, r => r.Id));
        return (c, t, ids);
    }

    /// <summary>All items at <paramref name="fraction"/> of their maximum.</summary>
    public static Dictionary<string, string> Points(decimal fraction = 1m) =>
        Template.Items.ToDictionary(i => $"Points[{i.Key}]", i => (i.MaxPoints * fraction).ToString(System.Globalization.CultureInfo.InvariantCulture));
}
