using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shuzhi.Domain.Campaigns;
using Shuzhi.Domain.Organizations;
using Shuzhi.Domain.Reports;
using Shuzhi.Web.Data;
using Shuzhi.Web.Infrastructure;
using Shuzhi.Web.Tests.Campaigns;
using Shuzhi.Web.Tests.Infrastructure;
using Shuzhi.Web.Tests.Meetings;
using Shuzhi.Web.Tests.Reports;

namespace Shuzhi.Web.Tests.Security;

/// <summary>
/// The application's routes as its endpoint list has them (EndpointDataSource): Razor pages by their view path, every
/// other endpoint by HTTP method and route pattern. The matrix and the anti-forgery test both start from this list.
/// </summary>
public static class RouteMatrix
{
    /// <summary>"PAGE /Campaigns/Details" or "GET /api/v1/organizations/{id:int}".</summary>
    public static IReadOnlyList<string> Keys(IServiceProvider services)
    {
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var e in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            if (e.Metadata.GetMetadata<PageActionDescriptor>() is { } page)
            {
                keys.Add("PAGE " + page.ViewEnginePath);
                continue;
            }
            var methods = e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"];
            foreach (var m in methods) keys.Add($"{m} /{e.RoutePattern.RawText!.Trim('/')}");
        }
        return [.. keys];
    }

    /// <summary>Every page's handlers (compiled), with the page's route template.</summary>
    public static async Task<IReadOnlyList<(string Route, string ViewPath, string HttpMethod, string? Handler)>> PageHandlersAsync(IServiceProvider services)
    {
        var loader = services.GetRequiredService<PageLoader>();
        var seen = new HashSet<string>();
        var result = new List<(string, string, string, string?)>();
        foreach (var e in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            if (e.Metadata.GetMetadata<PageActionDescriptor>() is not { } page || !seen.Add(page.ViewEnginePath)) continue;
            var compiled = await loader.LoadAsync(page, e.Metadata);
            var route = page.AttributeRouteInfo!.Template!;
            foreach (var h in compiled.HandlerMethods)
                result.Add(("/" + route, page.ViewEnginePath, h.HttpMethod.ToUpperInvariant(), h.Name));
        }
        return result;
    }
}

/// <summary>
/// Every route × every role × an object of the account's own county (in scope) and of the other county (out of scope),
/// against a table of expected answers written down here. A route missing from the table fails the test, so a new page or
/// endpoint cannot arrive without its row. Besides the status, every answer is checked for leaks: no page or API answer to a
/// county-A account names county B (乙县), and every HTML page is free of inline script, inline event handlers and style
/// attributes (the Content-Security-Policy forbids them).
/// </summary>
public abstract class RouteMatrixTests<TFactory>(TFactory f) where TFactory : ShuzhiFactory
{
    private TestData D => f.Data;

    // Column order of the table.
    private static readonly string[] Who = ["admin", "staff", "viewer", "secretary", "leader", "inspector", "anon"];

    private sealed record Objects(TestData.County County, int Org, int Person, int Position, string Account, int Campaign, int Track, int Reporter,
        int Meeting, int Published, int PublishedReporter);

    /// <summary>The request of a row for one county's objects; <c>Fresh</c> makes throwaway objects for destructive routes.</summary>
    private delegate Task<HttpRequestMessage> Build(Objects o, Fresh fresh);

    /// <summary>
    /// Expect: seven answers in the order admin staff viewer secretary leader inspector anon; "200/404" means 200 for the
    /// account's own county, 404 for the other county, a single number both. 302 is the redirect to the login page, 302* a
    /// page's own redirect. Writes go with a deliberately empty body ({}), so an allowed account gets the handler's 422 (or
    /// 200 where an empty body means "change nothing"); destructive routes (delete, deactivate, advance) act on fresh
    /// throwaway objects of the county, so each role meets the same state. 403 in scope means the role or the account's
    /// place (not the organizer's own staff, not the assigned reviewer) forbids it; out of scope is always 404.
    /// </summary>
    private sealed record Row(string Key, Build Request, string Expect);

    private static HttpRequestMessage Get(string url) => new(HttpMethod.Get, url);
    private static HttpRequestMessage Send(string method, string url, string json = "{}") =>
        new(new HttpMethod(method), url) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
    private static Build G(Func<Objects, string> url) => (o, _) => Task.FromResult(Get(url(o)));
    private static Build J(string method, Func<Objects, string> url, string json = "{}") => (o, _) => Task.FromResult(Send(method, url(o), json));

    private sealed class Fresh(ShuzhiFactory f)
    {
        private static int _n, _year;
        public static int Next() => Interlocked.Increment(ref _n);

        public Task<int> VillageAsync(Objects o) => f.WithDbAsync(async (db, _) =>
        {
            var town = await db.Organizations.SingleAsync(x => x.Id == o.County.Town.Id);
            var n = Next();
            var v = Organization.Create($"{town.Code}-X{n}", $"临时村{n}党支部", OrganizationKind.Branch, UnitType.Village, town, 100 + n);
            db.Organizations.Add(v);
            await db.SaveChangesAsync();
            return v.Id;
        });

        public Task<int> PersonAsync(Objects o) => f.WithDbAsync(async (db, _) =>
        {
            var p = Person.Create($"临时人员{Next()}", Gender.Female, 1980, null, o.County.Village2.Id);
            db.People.Add(p);
            await db.SaveChangesAsync();
            return p.Id;
        });

        public async Task<int> PositionAsync(Objects o)
        {
            var person = await PersonAsync(o);
            return await f.WithDbAsync(async (db, _) =>
            {
                var p = Position.Create(o.County.Village2.Id, person, PositionRole.CommitteeMember, null, 5, new DateOnly(2022, 1, 1), null);
                db.Positions.Add(p);
                await db.SaveChangesAsync();
                return p.Id;
            });
        }

        public Task<int> CampaignAsync(Objects o) => CampaignTestKit.CampaignAsync(f, o.County.Town.Id, 2000 + Interlocked.Increment(ref _year));
        public Task<int> TrackAsync(Objects o) => CampaignTestKit.TrackAsync(f, o.Campaign, $"临时类别{Next()}");

        public async Task<int> ReporterAsync(Objects o)
        {
            var village = await VillageAsync(o);
            await CampaignTestKit.ReportersAsync(f, o.Campaign, o.Track, village);
            return await f.WithDbAsync((db, _) => db.CampaignReporters.Where(r => r.CampaignId == o.Campaign && r.OrganizationId == village).Select(r => r.Id).SingleAsync());
        }
    }

    // The table. Keep it in the order of the application's areas; every route of the endpoint list has exactly one row.
    private static readonly Row[] Table =
    [
        // ---- pages ----
        new("PAGE /Index", G(o => "/"), "200 200 200 200 200 200 302"),
        new("PAGE /Account/AccessDenied", G(o => "/Account/AccessDenied"), "403 403 403 403 403 403 403"),
        new("PAGE /Account/Login", G(o => "/Account/Login"), "200 200 200 200 200 200 200"),
        new("PAGE /Account/LoginWith2fa", G(o => "/Account/LoginWith2fa"), "302 302 302 302 302 302 302"),
        new("PAGE /Account/Logout", G(o => "/Account/Logout"), "302* 302* 302* 302* 302* 302* 302"), // signing out is a POST; GET goes home
        new("PAGE /Account/TwoFactor", G(o => "/Account/TwoFactor"), "200 200 200 200 200 200 302"),
        new("PAGE /Accounts/Index", G(o => "/Accounts"), "200 200 403 403 403 403 302"),
        new("PAGE /Accounts/Edit", G(o => $"/Accounts/Edit/{o.Account}"), "200 200/404 403 403 403 403 302"),
        new("PAGE /Admin/Security", G(o => "/Admin/Security"), "200 403 403 403 403 403 302"),
        new("PAGE /Audit/Index", G(o => "/Audit"), "200 200 403 403 403 403 302"),
        new("PAGE /Campaigns/Index", G(o => "/Campaigns"), "200 200 200 200 200 200 302"),
        new("PAGE /Campaigns/Details", G(o => $"/Campaigns/Details/{o.Campaign}"), "200 200/404 200/404 404 200/404 200/404 302"),
        new("PAGE /Campaigns/Coverage", G(o => $"/Campaigns/Coverage/{o.Campaign}"), "200 200/404 200/404 404 200/404 200/404 302"),
        new("PAGE /Campaigns/Inspection", G(o => $"/Campaigns/Inspection/{o.Campaign}"), "200 200/404 403 403 403 403 302"),
        new("PAGE /Campaigns/Overdue", G(o => "/Campaigns/Overdue"), "200 200 200 200 200 200 302"),
        new("PAGE /Campaigns/Publish", G(o => $"/Campaigns/Publish/{o.Campaign}"), "200 403/404 403 403 403 403 302"),
        new("PAGE /Campaigns/Rectification", G(o => $"/Campaigns/Rectification/{o.Campaign}"), "200 403/404 403 403 403 403 302"),
        new("PAGE /Campaigns/Reporters", G(o => $"/Campaigns/Reporters/{o.Campaign}"), "200 200/404 200/404 404 200/404 200/404 302"),
        new("PAGE /Campaigns/Manage/Approvals", G(o => "/Campaigns/Manage/Approvals"), "200 200 403 403 403 403 302"),
        new("PAGE /Campaigns/Manage/Create", G(o => "/Campaigns/Manage/Create"), "200 200 403 403 403 403 302"),
        new("PAGE /Campaigns/Manage/Edit", G(o => $"/Campaigns/Manage/Edit/{o.Campaign}"), "200 403/404 403 403 403 403 302"),
        new("PAGE /Campaigns/Manage/Topics", G(o => $"/Campaigns/Manage/Topics/{o.Campaign}"), "200 403/404 403 403 403 403 302"),
        new("PAGE /Campaigns/Tracks/Index", G(o => $"/Campaigns/Tracks/{o.Campaign}"), "200 200/404 403 403 403 403 302"),
        new("PAGE /Campaigns/Tracks/Edit", G(o => $"/Campaigns/Tracks/Edit/{o.Campaign}/{o.Track}"), "200 403/404 403 403 403 403 302"),
        new("PAGE /Campaigns/Tracks/Report", G(o => $"/Campaigns/Tracks/Report/{o.Campaign}/{o.Track}"), "200 403/404 403 403 403 403 302"),
        new("PAGE /Campaigns/Tracks/Sheet", G(o => $"/Campaigns/Tracks/Sheet/{o.Campaign}/{o.Track}"), "200 403/404 403 403 403 403 302"),
        new("PAGE /Error", G(o => "/Error"), "200 200 200 200 200 200 200"),
        new("PAGE /Inspection/Index", G(o => "/Inspection"), "200 200 200 200 200 200 302"),
        new("PAGE /Inspection/Sheet", G(o => $"/Inspection/Sheet/{o.Reporter}"), "403 403/404 403/404 403/404 403/404 403/404 302"),
        new("PAGE /Meetings/Index", G(o => $"/Meetings?campaignId={o.Campaign}"), "200 403/404 403 403 403 403 302"),
        new("PAGE /Meetings/Create", G(o => $"/Meetings/Create/{o.Campaign}"), "200 403/404 403 403 403 403 302"),
        new("PAGE /Meetings/Details", G(o => $"/Meetings/Details/{o.Meeting}"), "200 403/404 403 403 403 403 302"),
        new("PAGE /Meetings/Board", G(o => $"/Meetings/Board/{o.Meeting}"), "200 403/404 403 403 403 403 302"),
        new("PAGE /Meetings/Chair", G(o => $"/Meetings/Chair/{o.Meeting}"), "200 403/404 403 403 403 403 302"),
        new("PAGE /Meetings/Comments", G(o => $"/Meetings/Comments/{o.Meeting}"), "200 403/404 403 403 403 403 302"),
        new("PAGE /Meetings/Paper", G(o => $"/Meetings/Paper/{o.Meeting}"), "200 403/404 403 403 403 403 302"),
        new("PAGE /Meetings/Reconcile", G(o => $"/Meetings/Reconcile/{o.Meeting}"), "200 403/404 403 403 403 403 302"),
        new("PAGE /Meetings/Slips", G(o => $"/Meetings/Slips/{o.Meeting}"), "200 403/404 403 403 403 403 302"),
        new("PAGE /Meetings/Tally", G(o => $"/Meetings/Tally/{o.Meeting}"), "200 403/404 403 403 403 403 302"),
        new("PAGE /Organizations/Index", G(o => "/Organizations"), "200 200 200 200 200 200 302"),
        new("PAGE /Organizations/Details", G(o => $"/Organizations/Details/{o.Org}"), "200 200/404 200/404 200/404 200/404 200/404 302"),
        new("PAGE /Organizations/Export", G(o => "/Organizations/Export"), "200 200 200 200 200 200 302"),
        new("PAGE /Organizations/Manage/Create", G(o => "/Organizations/Manage/Create"), "200 200 403 403 403 403 302"),
        new("PAGE /Organizations/Manage/Edit", G(o => $"/Organizations/Manage/Edit/{o.Org}"), "200 200/404 403 403 403 403 302"),
        new("PAGE /Organizations/Manage/Import", G(o => "/Organizations/Manage/Import"), "200 200 403 403 403 403 302"),
        new("PAGE /Organizations/Manage/Move", G(o => $"/Organizations/Manage/Move/{o.Org}"), "200 200/404 403 403 403 403 302"),
        new("PAGE /Organizations/Manage/Position", G(o => $"/Organizations/Manage/Position/{o.Position}"), "200 200/404 403 403 403 403 302"),
        new("PAGE /Organizations/Manage/Status", G(o => $"/Organizations/Manage/Status/{o.Org}"), "302* 302* 403 403 403 403 302"), // GET only redirects to Details, which checks the scope
        new("PAGE /People/Index", G(o => "/People"), "200 200 200 200 200 200 302"),
        new("PAGE /People/Details", G(o => $"/People/Details/{o.Person}"), "200 200/404 200/404 200/404 200/404 200/404 302"),
        new("PAGE /Reports/Index", G(o => "/Reports"), "200 200 200 200 200 200 302"),
        new("PAGE /Reports/Edit", G(o => $"/Reports/Edit/{o.Reporter}"), "200 403/404 403/404 200/404 403/404 403/404 302"),
        new("PAGE /Reports/Review", G(o => $"/Reports/Review/{o.Reporter}"), "200 403/404 403/404 200/404 403/404 403/404 302"),
        new("PAGE /Reports/Published/Index", G(o => "/Reports/Published"), "200 200 200 200 200 200 302"),
        new("PAGE /Reports/Published/Read", G(o => $"/Reports/Published/{o.Published}"), "200 200/404 200/404 200/404 200/404 200/404 302"),
        new("PAGE /V", G(o => "/V"), "200 200 200 200 200 200 200"),
        // ---- grading, sheets, results, rectification, dashboard (issues #6, #7, #8) ----
        new("PAGE /Campaigns/Grading/Index", G(o => $"/Campaigns/Grading/{o.Campaign}"), "200 200/404 403 403 403 403 302"),
        new("PAGE /Campaigns/Grading/Trace", G(o => $"/Campaigns/Grading/Trace/{o.Reporter}"), "200 200/404 403 403 403 403 302"),
        new("PAGE /Campaigns/Tracks/Cross", G(o => $"/Campaigns/Tracks/Cross/{o.Campaign}/{o.Track}"), "200 200/404 403 403 403 403 302"),
        new("PAGE /Sheets/Index", G(o => "/Sheets"), "200 200 200 200 200 200 302"),
        new("PAGE /Sheets/Fill", G(o => $"/Sheets/Fill/DailyReview/{o.Reporter}"), "200 403/404 403/404 403/404 403/404 403/404 302"),
        new("PAGE /Sheets/Reviews", G(o => $"/Sheets/Reviews/{o.Campaign}/{o.Track}/DailyReview"), "200 403/404 403/404 403/404 403/404 403/404 302"),
        new("PAGE /Results/Index", G(o => $"/Results/{o.Campaign}"), "200 403/404 403 403 403 403 302"),
        new("PAGE /Results/Letter", G(o => "/Results/Letter/0"), "404 404 404 404 404 404 302"), // no letter before a release: nobody reads one
        new("PAGE /Results/Mine", G(o => "/Results/Mine"), "200 200 200 200 200 200 302"),
        new("PAGE /Results/Bulletins", G(o => $"/Results/Bulletins/{o.Campaign}"), "200 403/404 403 403 403 403 302"),
        new("PAGE /Results/Bulletin", G(o => "/Results/Bulletin/0"), "404 404 404 404 404 404 302"),
        new("PAGE /Results/Dossier", G(o => $"/Results/Dossier/{o.Campaign}"), "200 403/404 403 403 403 403 302"),
        new("PAGE /Results/Consequences", G(o => $"/Results/Consequences/{o.Campaign}"), "200 403/404 403 403 403 403 302"),
        // The report to the upper unit: read at and above the organizer (the county's staff and viewer are its upper unit).
        new("PAGE /Campaigns/Upward", G(o => $"/Campaigns/Upward/{o.Campaign}"), "200 200/404 200/404 403 403 403 302"),
        new("PAGE /Upward/Index", G(o => "/Upward"), "200 200 200 403 403 403 302"),
        new("PAGE /Rectification/Index", G(o => $"/Rectification?campaignId={o.Campaign}"), "200 200/404 200/404 404 200/404 200/404 302"),
        new("PAGE /Rectification/Plan", G(o => $"/Rectification/Plan/{o.Reporter}"), "200 200/404 200/404 200/404 200/404 200/404 302"),
        new("PAGE /Rectification/Bulletin", G(o => $"/Rectification/Bulletin/{o.Campaign}"), "200 403/404 403 403 403 403 302"),
        new("PAGE /Rectification/Interviews", G(o => $"/Rectification/Interviews/{o.Campaign}"), "200 403/404 403 403 403 403 302"),
        new("PAGE /Rectification/Accountability", G(o => $"/Rectification/Accountability/{o.Campaign}"), "200 403/404 403 403 403 403 302"),
        new("PAGE /Dashboard/Index", G(o => "/Dashboard"), "200 200 200 403 403 403 302"),
        new("PAGE /Organizations/History", G(o => $"/Organizations/History/{o.Org}"), "200 200/404 200/404 403 403 403 302"),
        new("PAGE /People/History", G(o => $"/People/History/{o.Person}"), "200 200/404 200/404 403 403 403 302"),
        new("PAGE /Search/Index", G(o => "/Search?q=村"), "200 200 200 403 403 403 302"),
        // ---- API (bearer tokens; anonymous is 401) ----
        new("POST /api/v1/auth/token", J("POST", _ => "/api/v1/auth/token"), "401 401 401 401 401 401 401"),
        new("GET /api/v1/me", G(_ => "/api/v1/me"), "200 200 200 200 200 200 401"),
        new("GET /api/v1/organizations", G(_ => "/api/v1/organizations"), "200 200 200 200 200 200 401"),
        new("GET /api/v1/organizations/{id:int}", G(o => $"/api/v1/organizations/{o.Org}"), "200 200/404 200/404 200/404 200/404 200/404 401"),
        new("GET /api/v1/organizations/{id:int}/children", G(o => $"/api/v1/organizations/{o.Org}/children"), "200 200/404 200/404 200/404 200/404 200/404 401"),
        new("GET /api/v1/organizations/{id:int}/subtree", G(o => $"/api/v1/organizations/{o.Org}/subtree"), "200 200/404 200/404 200/404 200/404 200/404 401"),
        new("GET /api/v1/organizations/{id:int}/reporting-person", G(o => $"/api/v1/organizations/{o.Org}/reporting-person"), "200 200/404 200/404 200/404 200/404 200/404 401"),
        new("POST /api/v1/organizations", (o, _) => Task.FromResult(Send("POST", "/api/v1/organizations", $"{{\"parentId\":{o.County.Town.Id}}}")), "422 422 403 403 403 403 401"),
        new("PUT /api/v1/organizations/{id:int}", J("PUT", o => $"/api/v1/organizations/{o.Org}"), "422 422/404 403 403 403 403 401"),
        new("POST /api/v1/organizations/{id:int}/move", J("POST", o => $"/api/v1/organizations/{o.Org}/move"), "422 422/404 403 403 403 403 401"),
        new("POST /api/v1/organizations/{id:int}/deactivate", async (o, x) => Send("POST", $"/api/v1/organizations/{await x.VillageAsync(o)}/deactivate"), "200 200/404 403 403 403 403 401"),
        new("POST /api/v1/organizations/{id:int}/activate", async (o, x) => Send("POST", $"/api/v1/organizations/{await x.VillageAsync(o)}/activate"), "200 200/404 403 403 403 403 401"),
        new("DELETE /api/v1/organizations/{id:int}", async (o, x) => Send("DELETE", $"/api/v1/organizations/{await x.VillageAsync(o)}"), "204 204/404 403 403 403 403 401"),
        new("GET /api/v1/people", G(_ => "/api/v1/people"), "200 200 200 200 200 200 401"),
        new("GET /api/v1/people/{id:int}", G(o => $"/api/v1/people/{o.Person}"), "200 200/404 200/404 200/404 200/404 200/404 401"),
        new("POST /api/v1/people", J("POST", _ => "/api/v1/people"), "422 422 403 403 403 403 401"),
        new("PUT /api/v1/people/{id:int}", J("PUT", o => $"/api/v1/people/{o.Person}"), "422 422/404 403 403 403 403 401"),
        new("DELETE /api/v1/people/{id:int}", async (o, x) => Send("DELETE", $"/api/v1/people/{await x.PersonAsync(o)}"), "204 204/404 403 403 403 403 401"),
        new("GET /api/v1/positions", G(_ => "/api/v1/positions"), "200 200 200 200 200 200 401"),
        new("GET /api/v1/positions/{id:int}", G(o => $"/api/v1/positions/{o.Position}"), "200 200/404 200/404 200/404 200/404 200/404 401"),
        new("POST /api/v1/positions", J("POST", _ => "/api/v1/positions"), "422 422 403 403 403 403 401"),
        new("PUT /api/v1/positions/{id:int}", J("PUT", o => $"/api/v1/positions/{o.Position}"), "200 200/404 403 403 403 403 401"),
        new("DELETE /api/v1/positions/{id:int}", async (o, x) => Send("DELETE", $"/api/v1/positions/{await x.PositionAsync(o)}"), "204 204/404 403 403 403 403 401"),
        new("GET /api/v1/accounts", G(_ => "/api/v1/accounts"), "200 200 403 403 403 403 401"),
        new("GET /api/v1/accounts/{id}", G(o => $"/api/v1/accounts/{o.Account}"), "200 200/404 403 403 403 403 401"),
        new("POST /api/v1/accounts", J("POST", _ => "/api/v1/accounts"), "422 422 403 403 403 403 401"),
        new("PUT /api/v1/accounts/{id}", J("PUT", o => $"/api/v1/accounts/{o.Account}"), "422 422/404 403 403 403 403 401"),
        new("GET /api/v1/campaigns", G(_ => "/api/v1/campaigns"), "200 200 200 200 200 200 401"),
        new("GET /api/v1/campaigns/{id:int}", G(o => $"/api/v1/campaigns/{o.Campaign}"), "200 200/404 200/404 404 200/404 200/404 401"),
        new("POST /api/v1/campaigns", J("POST", _ => "/api/v1/campaigns"), "422 422 403 403 403 403 401"),
        new("PUT /api/v1/campaigns/{id:int}", J("PUT", o => $"/api/v1/campaigns/{o.Campaign}"), "200 403/404 403 403 403 403 401"),
        new("POST /api/v1/campaigns/{id:int}/advance", async (o, x) => Send("POST", $"/api/v1/campaigns/{await x.CampaignAsync(o)}/advance"), "200 403/404 403 403 403 403 401"),
        new("POST /api/v1/campaigns/{id:int}/plan/submit", async (o, x) => Send("POST", $"/api/v1/campaigns/{await x.CampaignAsync(o)}/plan/submit"), "422 403/404 403 403 403 403 401"),
        new("POST /api/v1/campaigns/{id:int}/plan/review", async (o, x) => Send("POST", $"/api/v1/campaigns/{await x.CampaignAsync(o)}/plan/review"), "422 422/404 403 403 403 403 401"),
        new("GET /api/v1/overdue", G(_ => "/api/v1/overdue"), "200 200 200 200 200 200 401"),
        new("GET /api/v1/campaigns/{id:int}/tracks", G(o => $"/api/v1/campaigns/{o.Campaign}/tracks"), "200 200/404 200/404 404 200/404 200/404 401"),
        new("GET /api/v1/campaigns/{id:int}/tracks/{trackId:int}", G(o => $"/api/v1/campaigns/{o.Campaign}/tracks/{o.Track}"), "200 200/404 200/404 404 200/404 200/404 401"),
        new("GET /api/v1/campaigns/{id:int}/reporters", G(o => $"/api/v1/campaigns/{o.Campaign}/reporters"), "200 200/404 200/404 404 200/404 200/404 401"),
        new("GET /api/v1/campaigns/{id:int}/coverage", G(o => $"/api/v1/campaigns/{o.Campaign}/coverage"), "200 200/404 200/404 404 200/404 200/404 401"),
        new("POST /api/v1/campaigns/{id:int}/tracks", J("POST", o => $"/api/v1/campaigns/{o.Campaign}/tracks"), "422 403/404 403 403 403 403 401"),
        new("PUT /api/v1/campaigns/{id:int}/tracks/{trackId:int}", J("PUT", o => $"/api/v1/campaigns/{o.Campaign}/tracks/{o.Track}"), "422 403/404 403 403 403 403 401"),
        new("DELETE /api/v1/campaigns/{id:int}/tracks/{trackId:int}", async (o, x) => Send("DELETE", $"/api/v1/campaigns/{o.Campaign}/tracks/{await x.TrackAsync(o)}"), "204 403/404 403 403 403 403 401"),
        new("POST /api/v1/campaigns/{id:int}/reporters", J("POST", o => $"/api/v1/campaigns/{o.Campaign}/reporters"), "422 403/404 403 403 403 403 401"),
        new("DELETE /api/v1/campaigns/{id:int}/reporters/{reporterId:int}", async (o, x) => Send("DELETE", $"/api/v1/campaigns/{o.Campaign}/reporters/{await x.ReporterAsync(o)}"), "204 403/404 403 403 403 403 401"),
        new("POST /api/v1/campaigns/{id:int}/reporters/{reporterId:int}/move", J("POST", o => $"/api/v1/campaigns/{o.Campaign}/reporters/{o.Reporter}/move"), "422 403/404 403 403 403 403 401"),
        new("GET /api/v1/reports", G(_ => "/api/v1/reports"), "200 200 200 200 200 200 401"),
        new("GET /api/v1/reports/{id:int}", G(o => $"/api/v1/reports/{o.Reporter}"), "200 403/404 403/404 200/404 403/404 403/404 401"),
        new("PUT /api/v1/reports/{id:int}/draft", J("PUT", o => $"/api/v1/reports/{o.Reporter}/draft"), "422 403/404 403/404 422/404 403/404 403/404 401"),
        new("POST /api/v1/reports/{id:int}/submit", J("POST", o => $"/api/v1/reports/{o.Reporter}/submit"), "422 403/404 403/404 422/404 403/404 403/404 401"),
        new("POST /api/v1/reports/{id:int}/approve", J("POST", o => $"/api/v1/reports/{o.Reporter}/approve"), "403 403/404 403/404 403/404 403/404 403/404 401"),
        new("POST /api/v1/reports/{id:int}/return", J("POST", o => $"/api/v1/reports/{o.Reporter}/return"), "403 403/404 403/404 403/404 403/404 403/404 401"),
        new("GET /api/v1/reports/{id:int}/versions/{n:int}", G(o => $"/api/v1/reports/{o.PublishedReporter}/versions/1"), "200 403/404 403/404 200/404 403/404 403/404 401"),
        // ---- the phone's ballot endpoints (anonymous; the one-time code is the credential) and the API description ----
        new("GET /healthz", G(_ => "/healthz"), "200 200 200 200 200 200 200"),
        new("GET /healthz/db", G(_ => "/healthz/db"), "200 200 200 200 200 200 200"),
        new("POST /vote/api/sheet", J("POST", _ => "/vote/api/sheet", "{\"code\":\"ABCD-EFGH\"}"), "422 422 422 422 422 422 422"),
        new("POST /vote/api/cast", J("POST", _ => "/vote/api/cast", "{\"code\":\"ABCD-EFGH\",\"marks\":[]}"), "422 422 422 422 422 422 422"),
        new("GET /openapi/{documentName}.json", G(_ => "/openapi/v1.json"), "200 200 200 200 200 200 200"),
    ];

    private readonly Dictionary<string, Objects> _objects = [];

    private async Task ArrangeAsync()
    {
        await f.WithDbAsync(async (_, sp) =>
            await TestData.AccountAsync(sp.GetRequiredService<UserManager<AppUser>>(), "ca_inspector", Roles.Inspector, D.A.Root.Id));
        _objects["A"] = await ObjectsAsync(D.A, 2080);
        _objects["B"] = await ObjectsAsync(D.B, 2081);
    }

    private async Task<Objects> ObjectsAsync(TestData.County c, int year)
    {
        var meeting = await TallyTestKit.MeetingAsync(f, c, year);
        await ReportTestKit.DraftAsync(f, meeting.Reporter1, ReportText.Empty.WithSection("achievements", "矩阵测试草稿。"));
        var pub = await PublishedAsync(c, year + 10);
        var account = await f.WithDbAsync((db, _) => db.Users.Where(u => u.UserName == c.ViewerUser).Select(u => u.Id).SingleAsync());
        return new Objects(c, c.Village1.Id, c.Secretary.Id, c.SecretaryPost.Id, account, meeting.CampaignId, meeting.TrackId, meeting.Reporter1,
            meeting.MeetingId, pub.Published, pub.Reporter);
    }

    /// <summary>A town campaign whose first village's report is approved and published within the town (as PublicationTests do).</summary>
    private async Task<(int Published, int Reporter)> PublishedAsync(TestData.County c, int year)
    {
        var s = await ReportTestKit.TownCampaignAsync(f, c, year);
        await f.WithDbAsync(async db =>
        {
            var outline = ReportOutline.Seed003;
            var text = ReportText.Empty;
            for (var i = 0; i < outline.Sections.Count; i++) text = text.WithSection(outline.Sections[i].Key, ReportTestKit.Good[i]);
            var r = Report.Start(s.Reporter1);
            db.Reports.Add(r);
            await db.SaveChangesAsync();
            db.ReportVersions.Add(r.Submit(text, ReportChecks.Run(outline, ReportRules.Seed003, text, [], []), f.Clock.GetUtcNow(), "test"));
            r.Approve(f.Clock.GetUtcNow());
            await db.SaveChangesAsync();
        });
        await ReportTestKit.StageAsync(f, s.CampaignId, CampaignStage.Assessment);
        var staff = await f.PagesAsync(c.TownStaffUser);
        var res = await staff.PostFormAsync($"/Campaigns/Publish/{s.CampaignId}", new() { ["scopeOrganizationId"] = c.Town.Id.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
        var copy = await f.WithDbAsync((db, _) => db.ReportPublications.IgnoreQueryFilters().Where(p => p.CampaignId == s.CampaignId)
            .SelectMany(p => p.Reports).Select(r => r.Id).SingleAsync());
        return (copy, s.Reporter1);
    }

    private async Task<Dictionary<string, (HttpClient Pages, HttpClient Api)>> ClientsAsync()
    {
        var users = new Dictionary<string, string>
        {
            ["admin"] = "admin", ["staff"] = D.A.StaffUser, ["viewer"] = D.A.ViewerUser, ["secretary"] = D.A.SecretaryUser,
            ["leader"] = D.A.LeaderUser, ["inspector"] = "ca_inspector",
        };
        var clients = new Dictionary<string, (HttpClient, HttpClient)>();
        foreach (var (who, user) in users)
        {
            var password = who == "admin" ? ShuzhiFactory.AdminPassword : TestData.Password;
            clients[who] = (await f.PagesAsync(user, password), await f.ApiAsync(user, password));
        }
        clients["anon"] = (f.NewClient(), f.NewClient());
        return clients;
    }

    [Fact]
    public void Every_route_of_the_application_has_a_row_in_the_table()
    {
        var routes = RouteMatrix.Keys(f.Services);
        var rows = Table.Select(r => r.Key).ToList();
        var missing = routes.Except(rows).ToList();
        var stale = rows.Except(routes).ToList();
        var duplicated = rows.GroupBy(r => r).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(missing.Count == 0 && stale.Count == 0 && duplicated.Count == 0,
            $"routes without a row (add them to RouteMatrixTests.Table with their expected answers):\n  {string.Join("\n  ", missing)}\n" +
            $"rows without a route:\n  {string.Join("\n  ", stale)}\nrows twice:\n  {string.Join("\n  ", duplicated)}");
        Assert.True(routes.Count > 100, $"only {routes.Count} routes found: is the endpoint list read correctly?");
    }

    [Fact]
    public async Task Every_route_answers_every_role_as_the_table_says_and_nothing_leaks()
    {
        await ArrangeAsync();
        var clients = await ClientsAsync();
        var fresh = new Fresh(f);
        var failures = new List<string>();
        var observed = new List<string>();
        foreach (var row in Table)
        {
            var expect = row.Expect.Split(' ');
            Assert.True(expect.Length == Who.Length, $"{row.Key}: {expect.Length} answers in the table, {Who.Length} roles");
            var seen = new List<string>();
            for (var i = 0; i < Who.Length; i++)
            {
                var who = Who[i];
                var (pages, api) = clients[who];
                var answers = new List<string>();
                foreach (var county in new[] { "A", "B" })
                {
                    var req = await row.Request(_objects[county], fresh);
                    var url = req.RequestUri!.ToString();
                    var client = url.StartsWith("/api/", StringComparison.Ordinal) ? api : pages;
                    var res = await client.SendAsync(req);
                    var code = (int)res.StatusCode;
                    answers.Add(code.ToString());
                    var want = expect[i].Split('/') is { Length: 2 } pair ? pair[county == "A" ? 0 : 1] : expect[i];
                    if (!Matches(want, code, res))
                        failures.Add($"{row.Key} as {who}, county {county} ({req.Method} {url}): {code}, expected {want}");
                    await CheckBodyAsync(row.Key, who, url, res, failures);
                }
                seen.Add(answers[0] == answers[1] ? answers[0] : $"{answers[0]}/{answers[1]}");
            }
            observed.Add($"new(\"{row.Key}\", …, \"{string.Join(' ', seen)}\"),");
        }
        Assert.True(failures.Count == 0, $"{failures.Count} answers differ from the table:\n{string.Join("\n", failures)}\n\nobserved:\n{string.Join("\n", observed)}");
    }

    private static bool Matches(string want, int code, HttpResponseMessage res) => want switch
    {
        "302" => code == 302 && res.Headers.Location?.ToString().Contains("/Account/Login") == true,
        "302*" => code == 302, // a page's own redirect (post-redirect-get, a default choice)
        _ => want == code.ToString(),
    };

    private static async Task CheckBodyAsync(string key, string who, string url, HttpResponseMessage res, List<string> failures)
    {
        var type = res.Content.Headers.ContentType?.MediaType ?? "";
        if (!type.Contains("html") && !type.Contains("json")) return;
        var body = await res.Content.ReadAsStringAsync();
        // Every county-A account (all but the administrator) must never read a county-B name, in a page or a list.
        if (who != "admin" && body.Contains("乙县"))
            failures.Add($"{key} as {who} ({url}): the answer names county B (乙县)");
        if (!type.Contains("html") || res.StatusCode != HttpStatusCode.OK) return;
        var doc = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(body);
        foreach (var s in doc.Scripts.Where(s => string.IsNullOrEmpty(s.Source) && s.Type is null or "" or "text/javascript" or "module"))
            failures.Add($"{key} ({url}): inline <script> {s.Text[..Math.Min(60, s.Text.Length)]}");
        foreach (var el in doc.All)
            foreach (var a in el.Attributes.Where(a => a.Name == "style" || a.Name.StartsWith("on", StringComparison.Ordinal)))
                failures.Add($"{key} ({url}): <{el.LocalName} {a.Name}=…> is blocked by the CSP");
    }
}

public sealed class RouteMatrixTests_Sqlite(SqliteFactory f) : RouteMatrixTests<SqliteFactory>(f), IClassFixture<SqliteFactory>;
public sealed class RouteMatrixTests_Postgres(PostgresFactory f) : RouteMatrixTests<PostgresFactory>(f), IClassFixture<PostgresFactory>;
