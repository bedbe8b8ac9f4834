using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shuzhi.Web.Data;
using Shuzhi.Web.Infrastructure;
using Shuzhi.Web.Tests.Infrastructure;
using Shuzhi.Web.Tests.Meetings;

namespace Shuzhi.Web.Tests.Security;

/// <summary>Headers on every kind of answer, the flags of every cookie, anti-forgery on every form handler, and logs without secrets.</summary>
public abstract class SecuritySuiteTests<TFactory>(TFactory f) where TFactory : ShuzhiFactory
{
    private TestData D => f.Data;

    [Fact]
    public async Task Every_kind_of_answer_carries_the_security_headers()
    {
        var staff = await f.PagesAsync(D.A.StaffUser);
        var answers = new Dictionary<string, HttpResponseMessage>
        {
            ["page"] = await staff.GetAsync("/Organizations"),
            ["login page"] = await f.NewClient().GetAsync("/Account/Login"),
            ["redirect"] = await f.NewClient().GetAsync("/Organizations"),
            ["404 page"] = await staff.GetAsync($"/Organizations/Details/{D.B.Town.Id}"),
            ["static file"] = await f.NewClient().GetAsync("/js/site.js"),
            ["api 401"] = await f.NewClient().GetAsync("/api/v1/organizations"),
            ["api json"] = await (await f.ApiAsync(D.A.StaffUser)).GetAsync("/api/v1/organizations"),
            ["ballot api"] = await f.NewClient().PostAsJsonAsync("/vote/api/sheet", new { code = "NOPE" }),
        };
        foreach (var (what, res) in answers)
        {
            string One(string name)
            {
                var values = res.Headers.TryGetValues(name, out var v) ? v.ToList() : res.Content.Headers.TryGetValues(name, out var c) ? c.ToList() : [];
                Assert.True(values.Count == 1, $"{what}: {values.Count} {name} headers");
                return values[0];
            }
            var csp = One("Content-Security-Policy").Split(';', StringSplitOptions.TrimEntries).ToHashSet();
            foreach (var directive in new[] { "default-src 'self'", "script-src 'self'", "style-src 'self'", "object-src 'none'", "base-uri 'self'",
                         "form-action 'self'", "frame-ancestors 'none'" })
                Assert.True(csp.Contains(directive), $"{what}: CSP lacks {directive}");
            Assert.DoesNotContain(csp, d => d.Contains("unsafe-inline") || d.Contains("unsafe-eval"));
            Assert.Equal("nosniff", One("X-Content-Type-Options"));
            Assert.Equal("DENY", One("X-Frame-Options"));
            Assert.Equal("same-origin", One("Referrer-Policy"));
            Assert.Equal("same-origin", One("Cross-Origin-Opener-Policy"));
            Assert.StartsWith("max-age=", One("Strict-Transport-Security"));
        }
    }

    [Fact]
    public async Task Every_cookie_the_application_sets_is_httponly_secure_and_samesite_strict()
    {
        var cookies = new List<string>();
        void Collect(HttpResponseMessage res) { if (res.Headers.TryGetValues("Set-Cookie", out var v)) cookies.AddRange(v); }

        // The antiforgery cookie (login form), the session cookie (login), the TempData cookie (a flash message).
        var client = f.NewClient();
        Collect(await client.GetAsync("/Account/Login"));
        var login = await client.PostFormAsync("/Account/Login", new() { ["Input.UserName"] = D.A.StaffUser, ["Input.Password"] = TestData.Password });
        Collect(login);
        var village = await f.WithDbAsync(async (db, _) =>
        {
            var town = await db.Organizations.SingleAsync(o => o.Id == D.A.Town.Id);
            var v = Domain.Organizations.Organization.Create("CA-T-COOKIE", "饼干村党支部", Domain.Organizations.OrganizationKind.Branch, Domain.Organizations.UnitType.Village, town, 9);
            db.Organizations.Add(v);
            await db.SaveChangesAsync();
            return v.Id;
        });
        var flash = await client.PostFormAsync($"/Organizations/Manage/Status/{village}?handler=Deactivate", [], "/Organizations/Manage/Create");
        Assert.Equal(HttpStatusCode.Redirect, flash.StatusCode);
        Collect(flash);
        Collect(await client.GetAsync(flash.Headers.Location!.ToString())); // the flash is read and its cookie cleared

        // The two-factor step's cookie.
        await f.WithDbAsync(async (_, sp) =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            var u = await TestData.AccountAsync(users, "cookie_totp", Roles.Viewer, D.A.Root.Id);
            await users.ResetAuthenticatorKeyAsync(u);
            await users.SetTwoFactorEnabledAsync(u, true);
            return 0;
        });
        Collect(await f.NewClient().PostFormAsync("/Account/Login", new() { ["Input.UserName"] = "cookie_totp", ["Input.Password"] = TestData.Password }));

        var names = cookies.Select(c => c[..c.IndexOf('=')]).ToHashSet();
        foreach (var expected in new[] { "shuzhi.af", "shuzhi.auth", "shuzhi.tmp", "Identity.TwoFactorUserId" })
            Assert.True(names.Contains(expected), $"{expected} not seen among {string.Join(", ", names)}");
        foreach (var c in cookies)
        {
            Assert.Contains("httponly", c, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("secure", c, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("samesite=strict", c, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Every_post_handler_of_every_page_refuses_a_form_without_the_antiforgery_token()
    {
        var handlers = await RouteMatrix.PageHandlersAsync(f.Services);
        var posts = handlers.Where(h => h.HttpMethod == "POST").ToList();
        Assert.True(posts.Count > 30, $"only {posts.Count} POST handlers found");
        // The administrator passes every folder's authorization, so what answers is the antiforgery check. The client holds
        // the antiforgery cookie (as a victim's browser would), only the form token is missing.
        var admin = await f.PagesAsync("admin", ShuzhiFactory.AdminPassword);
        var accepted = new List<string>();
        foreach (var (route, view, _, handler) in posts)
        {
            var url = System.Text.RegularExpressions.Regex.Replace(route, @"\{(\w+)(:[^}?]*)?\??\}", m => m.Groups[1].Value == "id" && view.StartsWith("/Accounts") ? "x" : "1");
            if (handler is not null) url += "?handler=" + handler;
            var res = await admin.PostAsync(url, new FormUrlEncodedContent([new("x", "1")]));
            if (res.StatusCode != HttpStatusCode.BadRequest) accepted.Add($"{view} {handler ?? "(default)"} POST {url}: {(int)res.StatusCode}");
        }
        Assert.True(accepted.Count == 0, "answered without an antiforgery token:\n" + string.Join("\n", accepted));
    }

    [Fact]
    public async Task After_login_token_ballots_and_a_password_set_no_secret_is_in_the_logs()
    {
        const string newPassword = "Fresh-Secret-Pass-93";
        var secrets = new List<string> { TestData.Password, ShuzhiFactory.AdminPassword, newPassword };

        // Login through the form; its session cookie and antiforgery cookie are secrets too.
        var viewer = f.NewClient();
        var login = await viewer.PostFormAsync("/Account/Login", new() { ["Input.UserName"] = D.A.ViewerUser, ["Input.Password"] = TestData.Password });
        foreach (var c in login.Headers.GetValues("Set-Cookie")) secrets.Add(c[(c.IndexOf('=') + 1)..c.IndexOf(';')]);
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync("/Organizations")).StatusCode);
        // A failed login with a password typed into the user name field (a common slip).
        await f.NewClient().PostFormAsync("/Account/Login", new() { ["Input.UserName"] = "Typo-Secret-In-Name-1", ["Input.Password"] = "Wrong-Secret-Pass-5" });
        secrets.Add("Wrong-Secret-Pass-5");

        // A token, used.
        var apiClient = f.NewClient();
        var token = await Clients.TokenAsync(apiClient, D.A.StaffUser, TestData.Password);
        secrets.Add(token);
        apiClient.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await apiClient.GetAsync("/api/v1/me")).StatusCode);

        // Voting codes: read the sheet, cast, cast again (refused), and a wrong code.
        var s = await VotingTestKit.MeetingAsync(f, D.A, 2080);
        await VotingTestKit.OpenAsync(f, s.MeetingId);
        var codes = await VotingTestKit.CodesAsync(f, s.MeetingId, s.Category1, 2);
        secrets.AddRange(codes);
        secrets.AddRange(codes.Select(c => c.Replace("-", "")));
        var phone = f.NewClient();
        Assert.Equal(HttpStatusCode.OK, (await phone.PostAsJsonAsync("/vote/api/sheet", new { code = codes[0] })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await VotingTestKit.CastAsync(phone, VotingTestKit.Ballot(s, codes[0]))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await VotingTestKit.CastAsync(phone, VotingTestKit.Ballot(s, codes[0]))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await VotingTestKit.CastAsync(phone, VotingTestKit.Ballot(s, codes[1]))).StatusCode);

        // A password set by the administrator on a new account, then used.
        var admin = await f.PagesAsync("admin", ShuzhiFactory.AdminPassword);
        var created = await admin.PostFormAsync("/Accounts/Edit", new()
        {
            ["Input.UserName"] = "log_check", ["Input.DisplayName"] = "日志检查", ["Input.Password"] = newPassword,
            ["Input.Roles"] = Roles.Viewer, ["Input.ScopeCode"] = "CA",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        await f.PagesAsync("log_check", newPassword);

        var lines = f.Logs.Lines.ToList();
        Assert.True(lines.Count > 50, $"only {lines.Count} log lines: is the capture wired?");
        foreach (var secret in secrets.Where(x => x.Length >= 6).Distinct())
        {
            var hit = lines.FirstOrDefault(l => l.Contains(secret, StringComparison.Ordinal));
            Assert.True(hit is null, $"a secret ({secret[..3]}…) is in the log: {hit?[..Math.Min(200, hit.Length)]}");
        }
    }
}

public sealed class SecuritySuiteTests_Sqlite(SqliteFactory f) : SecuritySuiteTests<SqliteFactory>(f), IClassFixture<SqliteFactory>;
public sealed class SecuritySuiteTests_Postgres(PostgresFactory f) : SecuritySuiteTests<PostgresFactory>(f), IClassFixture<PostgresFactory>;
