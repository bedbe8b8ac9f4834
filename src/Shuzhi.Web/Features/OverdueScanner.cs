using Shuzhi.Domain.Results;
using Microsoft.AspNetCore.Identity;

namespace Shuzhi.Web.Features;

/// <summary>Sends a message to accounts. In-app now; e-mail or SMS can be added as other implementations.</summary>
public interface INotifier
{
    /// <summary>Delivers once per account and <paramref name="key"/>: the same fact is not announced twice.</summary>
    Task NotifyAsync(IReadOnlyCollection<string> userIds, string key, string text, string link, CancellationToken ct);
}

public sealed class InAppNotifier(AppDbContext db, TimeProvider clock) : INotifier
{
    public async Task NotifyAsync(IReadOnlyCollection<string> userIds, string key, string text, string link, CancellationToken ct)
    {
        var already = await db.Notifications.Where(n => n.Key == key && userIds.Contains(n.UserId)).Select(n => n.UserId).ToListAsync(ct);
        foreach (var id in userIds.Except(already))
            db.Notifications.Add(new Notification { UserId = id, Key = key, Text = text, Link = link, CreatedAt = clock.GetUtcNow() });
        await db.SaveChangesAsync(ct);
    }
}

/// <summary>
/// Marks the steps past their deadline (report not submitted, review not done, rectification plan
/// not filed, upward report not sent, plan not approved) and tells the responsible accounts:
/// those bound to the responsible organization, and the organizer's staff.
/// </summary>
public sealed class OverdueScanner(AppDbContext db, INotifier notifier, TimeProvider clock)
{
    public async Task<(int Opened, int Resolved)> RunAsync(CancellationToken ct)
    {
        db.CurrentScope.UseUnrestricted();
        var today = DateOnly.FromDateTime(clock.GetLocalNow().Date);
        int opened = 0, resolved = 0;
        var campaigns = await db.Campaigns.Include(c => c.Organizer).Where(c => c.Stage != CampaignStage.Closed).ToListAsync(ct);
        foreach (var campaign in campaigns)
        {
            var reporters = await db.CampaignReporters.Where(r => r.CampaignId == campaign.Id).Select(r => r.OrganizationId).ToListAsync(ct);
            // Reports and rectification plans are filed with the later issues; until then nobody has filed one.
            // A reporter organization has filed its rectification plan once the plan was first filed (Shuzhi.Domain.Rectification).
            var filed = campaign.Stage >= CampaignStage.Rectification
                ? await db.RectPlans.Where(p => p.CampaignId == campaign.Id && p.FirstFiledOn != null).Select(p => p.OrganizationId).ToListAsync(ct)
                : [];
            var due = Deadlines.Overdue(campaign, today, reporters, reporters, campaign.Stage >= CampaignStage.Rectification ? reporters.Except(filed).ToList() : [],
                upwardReportSent: await db.UpwardReports.AnyAsync(r => r.CampaignId == campaign.Id && (r.State == UpwardState.Submitted || r.State == UpwardState.Acknowledged), ct));
            var open = await db.OverdueItems.Where(o => o.CampaignId == campaign.Id && o.ResolvedOn == null).ToListAsync(ct);
            foreach (var item in open.Where(o => !due.Any(d => d.Kind == o.Kind && d.OrganizationId == o.OrganizationId)))
            {
                item.Resolve(today);
                resolved++;
            }
            var fresh = due.Where(d => !open.Any(o => o.Kind == d.Kind && o.OrganizationId == d.OrganizationId))
                .Select(d => OverdueItem.Open(campaign.Id, d.Kind, d.OrganizationId, d.DueDate, today)).ToList();
            db.OverdueItems.AddRange(fresh);
            await db.SaveChangesAsync(ct);
            opened += fresh.Count;
            foreach (var item in fresh) await NotifyAsync(campaign, item, ct);
        }
        return (opened, resolved);
    }

    private async Task NotifyAsync(Campaign campaign, OverdueItem item, CancellationToken ct)
    {
        var org = await db.Organizations.Where(o => o.Id == item.OrganizationId).Select(o => o.Name).SingleAsync(ct);
        var staffRoles = await db.Roles.Where(r => r.Name == Roles.OrgStaff).Select(r => r.Id).ToListAsync(ct);
        var recipients = await db.Users.Where(u => !u.IsDisabled && (u.ScopeOrganizationId == item.OrganizationId ||
                (u.ScopeOrganizationId == campaign.OrganizerId && db.UserRoles.Any(ur => ur.UserId == u.Id && staffRoles.Contains(ur.RoleId)))))
            .Select(u => u.Id).ToListAsync(ct);
        if (recipients.Count == 0) return;
        var text = string.Format(Strings.Overdue_Notice, campaign.Title, org, Messages.Get("Overdue." + item.Kind), ChineseDates.Format(item.DueDate));
        await notifier.NotifyAsync(recipients, $"overdue:{item.Id}", text, $"/Campaigns/Overdue?campaignId={campaign.Id}", ct);
    }
}

/// <summary>Runs the overdue scan once a day (and at start-up), on the injected clock.</summary>
public sealed class OverdueJob(IServiceScopeFactory scopes, TimeProvider clock, ILogger<OverdueJob> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        DateOnly? lastRun = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            var today = DateOnly.FromDateTime(clock.GetLocalNow().Date);
            if (lastRun != today)
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var (opened, resolved) = await scope.ServiceProvider.GetRequiredService<OverdueScanner>().RunAsync(stoppingToken);
                    log.LogInformation("Overdue scan {Date}: {Opened} opened, {Resolved} resolved", today, opened, resolved);
                    lastRun = today;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    log.LogError(e, "Overdue scan failed; retried in an hour");
                }
            }
            await Task.Delay(TimeSpan.FromHours(1), clock, stoppingToken);
        }
    }
}
