using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Shuzhi.Web.Tests.Infrastructure;

namespace Shuzhi.Web.Tests.Security;

/// <summary>
/// Login, token and ballot endpoints are rate-limited per address; past the limit they answer 429 with Retry-After
/// (the seconds until the window opens again), not the framework's default 503. Each test runs its own host over the
/// class's database with small limits, so the counters start at zero.
/// </summary>
public abstract class RateLimitTests<TFactory>(TFactory f) where TFactory : ShuzhiFactory
{
    private const int Limit = 3;

    private HttpClient Limited(string setting)
    {
        var host = f.WithWebHostBuilder(b => b.UseSetting(setting, Limit.ToString()));
        return host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });
    }

    private static void AssertRetryAfter(HttpResponseMessage res)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, res.StatusCode);
        var seconds = int.Parse(res.Headers.GetValues("Retry-After").Single());
        Assert.InRange(seconds, 1, 60);
    }

    [Fact]
    public async Task Login_attempts_past_the_limit_get_429_with_retry_after_and_the_chinese_page()
    {
        var client = Limited("Security:LoginRequestsPerMinute");
        for (var i = 0; i < Limit; i++)
        {
            var res = await client.PostFormAsync("/Account/Login", new() { ["Input.UserName"] = f.Data.A.ViewerUser, ["Input.Password"] = "wrong-rate-" + i });
            Assert.Equal(HttpStatusCode.OK, res.StatusCode); // the form again, with its error
        }
        // Reading the form is not an attempt.
        for (var i = 0; i < 5; i++) Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Account/Login")).StatusCode);
        var refused = await client.PostFormAsync("/Account/Login", new() { ["Input.UserName"] = f.Data.A.ViewerUser, ["Input.Password"] = TestData.Password });
        AssertRetryAfter(refused);
        Assert.Contains("登录尝试过于频繁", await refused.Content.ReadAsStringAsync());
        Assert.DoesNotContain(refused.Headers, h => h.Key == "Set-Cookie" && h.Value.Any(v => v.StartsWith("shuzhi.auth=")));
        // The TOTP step shares the login's budget: guessing six digits is no way around it.
        AssertRetryAfter(await client.PostAsync("/Account/LoginWith2fa", new FormUrlEncodedContent([])));
    }

    [Fact]
    public async Task Token_requests_past_the_limit_get_429_with_retry_after_in_json()
    {
        var client = Limited("Security:TokenRequestsPerMinute");
        for (var i = 0; i < Limit; i++)
        {
            var res = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = f.Data.A.ViewerUser, password = "wrong-token-" + i });
            Assert.Equal(HttpStatusCode.Unauthorized, res.StatusCode);
        }
        var refused = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = f.Data.A.ViewerUser, password = TestData.Password });
        AssertRetryAfter(refused);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType!.MediaType);
        var body = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(429, body.GetProperty("status").GetInt32());
        Assert.Contains("请求过于频繁", body.GetProperty("title").GetString());
        // Other API routes are not counted against the token door.
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task Ballot_requests_past_the_limit_get_429_with_retry_after_and_a_message_for_the_phone()
    {
        var client = Limited("Voting:RequestsPerMinute");
        for (var i = 0; i < Limit; i++)
        {
            var res = await client.PostAsJsonAsync("/vote/api/sheet", new { code = "NOPE-" + i });
            Assert.Equal(HttpStatusCode.UnprocessableEntity, res.StatusCode);
        }
        foreach (var url in new[] { "/vote/api/sheet", "/vote/api/cast" })
        {
            var refused = await client.PostAsJsonAsync(url, new { code = "NOPE-X" });
            AssertRetryAfter(refused);
            var body = await refused.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Contains("请求过于频繁", body.GetProperty("message").GetString()); // what vote.js shows
        }
        // The login door has its own budget.
        Assert.Equal(HttpStatusCode.OK, (await client.PostFormAsync("/Account/Login", new() { ["Input.UserName"] = "x", ["Input.Password"] = "y" })).StatusCode);
    }
}

public sealed class RateLimitTests_Sqlite(SqliteFactory f) : RateLimitTests<SqliteFactory>(f), IClassFixture<SqliteFactory>;
public sealed class RateLimitTests_Postgres(PostgresFactory f) : RateLimitTests<PostgresFactory>(f), IClassFixture<PostgresFactory>;
