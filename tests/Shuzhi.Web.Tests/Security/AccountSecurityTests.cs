using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shuzhi.Web.Data;
using Shuzhi.Web.Infrastructure;
using Shuzhi.Web.Tests.Infrastructure;

namespace Shuzhi.Web.Tests.Security;

public abstract class AccountSecurityTests<TFactory>(TFactory f) where TFactory : ShuzhiFactory
{
    private Task<AppUser> NewAccountAsync(string name, string role = Roles.Viewer) =>
        f.WithDbAsync((_, sp) => TestData.AccountAsync(sp.GetRequiredService<UserManager<AppUser>>(), name, role, f.Data.A.Root.Id));

    [Fact]
    public async Task Five_failed_logins_lock_the_account_even_for_the_right_password()
    {
        await NewAccountAsync("lock_me");
        var client = f.NewClient();
        for (var i = 0; i < 5; i++)
        {
            var res = await client.PostFormAsync("/Account/Login", new() { ["Input.UserName"] = "lock_me", ["Input.Password"] = "wrong-" + i });
            Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        }
        var locked = await client.PostFormAsync("/Account/Login", new() { ["Input.UserName"] = "lock_me", ["Input.Password"] = TestData.Password });
        Assert.Contains("账户已暂时锁定", await locked.Content.ReadAsStringAsync());
        var api = await f.NewClient().PostAsJsonAsync("/api/v1/auth/token", new { userName = "lock_me", password = TestData.Password });
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);

        await f.WithDbAsync(async db =>
        {
            Assert.True(await db.AuditEntries.CountAsync(a => a.Action == "login-failed" && a.Details.Contains("lock_me")) >= 4);
            Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "login-locked-out"));
        });
        Assert.DoesNotContain(f.Logs.Lines, l => l.Contains(TestData.Password) || l.Contains("wrong-0"));
    }

    [Fact]
    public async Task A_form_post_without_the_antiforgery_token_is_refused()
    {
        var client = await f.PagesAsync(f.Data.A.StaffUser);
        var res = await client.PostAsync($"/Organizations/Manage/Status/{f.Data.A.Village2.Id}?handler=Deactivate", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        var login = await f.NewClient().PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.UserName"] = "admin", ["Input.Password"] = ShuzhiFactory.AdminPassword }));
        Assert.Equal(HttpStatusCode.BadRequest, login.StatusCode);
    }

    [Fact]
    public async Task Logout_is_not_a_get()
    {
        var client = await f.PagesAsync(f.Data.A.ViewerUser);
        await client.GetAsync("/Account/Logout");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Organizations")).StatusCode); // still signed in
        await client.PostFormAsync("/Account/Logout", [], "/Organizations");
        var after = await client.GetAsync("/Organizations");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/Account/Login", after.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Cookies_are_httponly_secure_and_samesite_and_headers_forbid_inline_script()
    {
        var client = f.NewClient();
        var page = await client.GetAsync("/Account/Login");
        var csp = page.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Equal("nosniff", page.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("same-origin", page.Headers.GetValues("Referrer-Policy").Single());

        var login = await client.PostFormAsync("/Account/Login", new() { ["Input.UserName"] = f.Data.A.ViewerUser, ["Input.Password"] = TestData.Password });
        var cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("shuzhi.auth="));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_session_expires_after_the_idle_timeout()
    {
        var client = await f.PagesAsync(f.Data.A.ViewerUser);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Organizations")).StatusCode);
        f.Clock.Advance(TimeSpan.FromMinutes(31));
        try { Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/Organizations")).StatusCode); }
        finally { f.Clock.Advance(TimeSpan.FromMinutes(-31)); }
    }

    [Fact]
    public async Task Totp_is_required_at_login_once_enabled()
    {
        var user = await NewAccountAsync("totp_user");
        var key = await f.WithDbAsync(async (_, sp) =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            var u = await users.FindByNameAsync("totp_user");
            await users.ResetAuthenticatorKeyAsync(u!);
            await users.SetTwoFactorEnabledAsync(u!, true);
            return (await users.GetAuthenticatorKeyAsync(u!))!;
        });

        var client = f.NewClient();
        var step1 = await client.PostFormAsync("/Account/Login", new() { ["Input.UserName"] = "totp_user", ["Input.Password"] = TestData.Password });
        Assert.Contains("LoginWith2fa", step1.Headers.Location!.ToString());
        var wrong = await client.PostFormAsync("/Account/LoginWith2fa", new() { ["Code"] = "000000" });
        Assert.Contains("验证码错误", await wrong.Content.ReadAsStringAsync());
        // Identity checks TOTP codes against the wall clock, as the phone app computes them.
        var ok = await client.PostFormAsync("/Account/LoginWith2fa", new() { ["Code"] = Totp.Code(key, DateTimeOffset.UtcNow) });
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Organizations")).StatusCode);

        var noCode = await f.NewClient().PostAsJsonAsync("/api/v1/auth/token", new { userName = "totp_user", password = TestData.Password });
        Assert.Equal(HttpStatusCode.Unauthorized, noCode.StatusCode);
        Assert.Contains("6位验证码", await noCode.Content.ReadAsStringAsync());
        await Clients.TokenAsync(f.NewClient(), "totp_user", TestData.Password, Totp.Code(key, DateTimeOffset.UtcNow));
    }

    [Fact]
    public async Task A_role_that_requires_totp_sends_its_accounts_to_the_setup_page()
    {
        await NewAccountAsync("must_enroll", Roles.Inspector);
        await f.WithDbAsync(async db =>
        {
            (await db.RolePolicies.SingleAsync(p => p.RoleName == Roles.Inspector)).RequireTwoFactor = true;
            await db.SaveChangesAsync();
        });
        try
        {
            var client = await f.PagesAsync("must_enroll");
            var res = await client.GetAsync("/Organizations");
            Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
            Assert.Contains("/Account/TwoFactor", res.Headers.Location!.ToString());
            Assert.Contains("您的角色要求启用双因素认证", await client.GetStringAsync("/Account/TwoFactor?required=1"));
            var api = await f.NewClient().PostAsJsonAsync("/api/v1/auth/token", new { userName = "must_enroll", password = TestData.Password });
            Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
        }
        finally
        {
            await f.WithDbAsync(async db =>
            {
                (await db.RolePolicies.SingleAsync(p => p.RoleName == Roles.Inspector)).RequireTwoFactor = false;
                await db.SaveChangesAsync();
            });
        }
    }

    [Fact]
    public async Task A_disabled_account_cannot_log_in()
    {
        var user = await NewAccountAsync("disabled_user");
        await f.WithDbAsync(async db =>
        {
            (await db.Users.SingleAsync(u => u.UserName == "disabled_user")).IsDisabled = true;
            await db.SaveChangesAsync();
        });
        var res = await f.NewClient().PostFormAsync("/Account/Login", new() { ["Input.UserName"] = "disabled_user", ["Input.Password"] = TestData.Password });
        Assert.Contains("此账户已停用", await res.Content.ReadAsStringAsync());
    }
}

public sealed class AccountSecurityTests_Sqlite(SqliteFactory f) : AccountSecurityTests<SqliteFactory>(f), IClassFixture<SqliteFactory>;
public sealed class AccountSecurityTests_Postgres(PostgresFactory f) : AccountSecurityTests<PostgresFactory>(f), IClassFixture<PostgresFactory>;
