using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shuzhi.Web.Tests.Infrastructure;
using Shuzhi.Web.Tests.Meetings;

namespace Shuzhi.Web.Tests.Security;

/// <summary>
/// The database goes away while the server runs: pages answer a Chinese 503 page, the API and the phone's ballot endpoints a
/// 503 problem in JSON, all with Retry-After; nothing the refused requests carried is written; and once the database is
/// back the same sessions work again without a restart. The outage is made without touching the shared PostgreSQL cluster:
/// the running application's connection string is pointed at a closed port (PostgreSQL) or at a file that cannot be opened
/// (SQLite), which the application reads for every request's context, then set back.
/// </summary>
public abstract class DatabaseFaultTests<TFactory>(TFactory f) where TFactory : ShuzhiFactory
{
    private string Unreachable => f.IsPostgres
        ? "Host=127.0.0.1;Port=1;Username=nobody;Password=nothing;Database=gone;Timeout=3"
        : $"Data Source={Path.Combine(f.DataDirectory, "gone", "missing.db")};Mode=ReadWrite";

    private Task<T> WhileDownAsync<T>(Func<Task<T>> work) => f.WithConnectionStringAsync(_ => Unreachable, work);

    private static async Task<string> TokenOfAsync(HttpClient client, string page)
    {
        var doc = await client.GetHtmlAsync(page);
        return doc.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
    }

    [Fact]
    public async Task While_the_database_is_away_requests_get_503_nothing_is_written_and_it_recovers_by_itself()
    {
        var staff = await f.PagesAsync(f.Data.A.StaffUser);
        var api = await f.ApiAsync(f.Data.A.StaffUser);
        var token = await TokenOfAsync(staff, "/Organizations/Manage/Create");
        FormUrlEncodedContent CreateForm(string code) => new(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["ParentCode"] = "CA-T", ["Code"] = code, ["Fields.Name"] = "停机时新建的村党支部",
            ["Fields.Kind"] = "Branch", ["Fields.UnitType"] = "Village", ["Fields.SortOrder"] = "9",
        });
        var meeting = await VotingTestKit.MeetingAsync(f, f.Data.A, 2085);
        await VotingTestKit.OpenAsync(f, meeting.MeetingId);
        var code = (await VotingTestKit.CodesAsync(f, meeting.MeetingId, meeting.Category1, 1))[0];
        var apiBody = new { code = "CA-T-DOWN2", name = "停机时经接口新建", kind = "Branch", unitType = "Village", parentId = f.Data.A.Town.Id };

        var (page, form, list, create, ballot, login) = await WhileDownAsync(async () => (
            await staff.GetAsync("/Organizations"),
            await staff.PostAsync("/Organizations/Manage/Create", CreateForm("CA-T-DOWN1")),
            await api.GetAsync("/api/v1/organizations"),
            await api.PostAsJsonAsync("/api/v1/organizations", apiBody),
            await f.NewClient().PostAsJsonAsync("/vote/api/sheet", new { code }),
            await f.NewClient().PostAsync("/Account/Login", new FormUrlEncodedContent([]))));

        foreach (var res in new[] { page, form })
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, res.StatusCode);
            Assert.Equal("text/html", res.Content.Headers.ContentType!.MediaType);
            var html = await res.Content.ReadAsStringAsync();
            Assert.Contains("系统暂时无法连接数据库，您的操作没有保存", html);
            Assert.DoesNotContain("<script", html);
            Assert.Equal("30", res.Headers.GetValues("Retry-After").Single());
            Assert.Contains("script-src 'self'", res.Headers.GetValues("Content-Security-Policy").Single());
        }
        foreach (var res in new[] { list, create, ballot })
        {
            Assert.True(res.StatusCode == HttpStatusCode.ServiceUnavailable, $"{res.RequestMessage!.RequestUri}: {(int)res.StatusCode} {await res.Content.ReadAsStringAsync()}");
            Assert.True("application/problem+json" == res.Content.Headers.ContentType!.MediaType, $"{res.RequestMessage!.RequestUri}: {res.Content.Headers.ContentType} {await res.Content.ReadAsStringAsync()}");
            var body = await res.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(503, body.GetProperty("status").GetInt32());
            Assert.Contains("系统暂时无法连接数据库", body.GetProperty("message").GetString());
            Assert.True(res.Headers.Contains("Retry-After"));
        }
        // The login form's antiforgery check comes before the database: without a token it is still 400, not a 503 or a 500.
        Assert.Equal(HttpStatusCode.BadRequest, login.StatusCode);

        // Back: the same session and token work, nothing of the refused writes exists, and the same writes now succeed.
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync("/Organizations")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/organizations")).StatusCode);
        Assert.False(await f.WithDbAsync((db, _) => db.Organizations.AnyAsync(o => o.Code == "CA-T-DOWN1" || o.Code == "CA-T-DOWN2")));
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostAsync("/Organizations/Manage/Create", CreateForm("CA-T-DOWN1"))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsJsonAsync("/api/v1/organizations", apiBody)).StatusCode);
        Assert.Equal(2, await f.WithDbAsync((db, _) => db.Organizations.CountAsync(o => o.Code == "CA-T-DOWN1" || o.Code == "CA-T-DOWN2")));
        Assert.Equal(HttpStatusCode.OK, (await f.NewClient().PostAsJsonAsync("/vote/api/sheet", new { code })).StatusCode);
        // The log names the outage, not the connection string.
        Assert.Contains(f.Logs.Lines, l => l.Contains("Database unavailable during GET /Organizations"));
        Assert.DoesNotContain(f.Logs.Lines, l => l.Contains("Password=nothing"));
    }

    [Fact]
    public void Only_connection_failures_count_as_unavailable()
    {
        Assert.True(Web.Infrastructure.DatabaseUnavailableHandler.IsUnavailable(new InvalidOperationException("x", new Npgsql.NpgsqlException("refused", new System.Net.Sockets.SocketException(111)))));
        Assert.True(Web.Infrastructure.DatabaseUnavailableHandler.IsUnavailable(new Microsoft.Data.Sqlite.SqliteException("cannot open", 14)));
        Assert.False(Web.Infrastructure.DatabaseUnavailableHandler.IsUnavailable(new Microsoft.Data.Sqlite.SqliteException("constraint", 19)));
        Assert.False(Web.Infrastructure.DatabaseUnavailableHandler.IsUnavailable(new DbUpdateException("unique", new InvalidOperationException())));
        Assert.False(Web.Infrastructure.DatabaseUnavailableHandler.IsUnavailable(new InvalidOperationException("a bug")));
    }
}

public sealed class DatabaseFaultTests_Sqlite(SqliteFactory f) : DatabaseFaultTests<SqliteFactory>(f), IClassFixture<SqliteFactory>;
public sealed class DatabaseFaultTests_Postgres(PostgresFactory f) : DatabaseFaultTests<PostgresFactory>(f), IClassFixture<PostgresFactory>;
