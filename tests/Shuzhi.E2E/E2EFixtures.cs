using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Shuzhi.Web.Data;
using Shuzhi.Web.Infrastructure;

namespace Shuzhi.E2E;

/// <summary>
/// The whole application on a real loopback port over a fresh SQLite file, migrated by the
/// application at start-up, with the demo data (童家镇 and 深圳技术大学) and a staff account of 童家镇.
/// </summary>
public sealed class ShuzhiServer : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminPassword = "E2e-Admin-Pass-2024";
    public const string StaffUser = "e2e_staff";
    public const string StaffPassword = "E2e-Staff-Pass-2024";

    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("shuzhi-e2e-").FullName;

    /// <summary>This server's complete log, in the run's log directory (E2ELogs; checked by LogSecretsTests).</summary>
    private readonly FileLog _log = E2ELogs.NewServerLog();

    public ShuzhiServer()
    {
        // HTTPS rather than UseKestrel(0)'s plain http: outside Development the antiforgery cookie
        // is SecurePolicy.Always, and antiforgery refuses to issue tokens on a request that is not
        // https, so every form page would fail. A throwaway certificate keeps production's settings.
        UseKestrel(o => o.Listen(IPAddress.Loopback, 0, l => l.UseHttps(SelfSignedCertificate())));
        StartServer();
        // Kestrel reports 127.0.0.1; the certificate and the cookies are for localhost.
        BaseUrl = new UriBuilder(ClientOptions.BaseAddress) { Host = "localhost" }.Uri.ToString().TrimEnd('/');
    }

    /// <summary>https://localhost:port, without a trailing slash.</summary>
    public string BaseUrl { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Not Development, so the cookies are Secure as in production.
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("ConnectionStrings:Shuzhi", $"Data Source={Path.Combine(_dataDirectory, "e2e.db")}");
        builder.UseSetting("DataDirectory", _dataDirectory);
        builder.UseSetting("SHUZHI_ADMIN_PASSWORD", AdminPassword);
        // Every journey logs in from 127.0.0.1; the login limit is tested in Shuzhi.Web.Tests (RateLimitTests).
        builder.UseSetting("Security:LoginRequestsPerMinute", "100000");
        E2ELogs.Configure(builder, _log);
    }

    public async Task InitializeAsync()
    {
        E2ELogs.Secret(AdminPassword);
        E2ELogs.Secret(StaffPassword);
        await using var scope = Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        sp.GetRequiredService<CurrentScope>().UseUnrestricted();
        await DemoData.LoadAsync(sp, TextWriter.Null);

        var db = sp.GetRequiredService<AppDbContext>();
        var users = sp.GetRequiredService<UserManager<AppUser>>();
        var town = await db.Organizations.SingleAsync(o => o.Code == "TJZ");
        var staff = new AppUser { UserName = StaffUser, DisplayName = "童家镇党建办（测试）", ScopeOrganizationId = town.Id, CreatedAt = DateTimeOffset.UtcNow };
        Check(await users.CreateAsync(staff, StaffPassword));
        Check(await users.AddToRoleAsync(staff, Roles.OrgStaff));
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        // The voting key is a secret too (it keys the codes' hashes).
        var key = Path.Combine(_dataDirectory, "voting.key");
        if (File.Exists(key))
        {
            var bytes = await File.ReadAllBytesAsync(key);
            E2ELogs.Secret(Convert.ToBase64String(bytes));
            E2ELogs.Secret(Convert.ToHexString(bytes));
            E2ELogs.Secret(Convert.ToHexStringLower(bytes));
        }
        _log.Dispose();
        // Pooled connections keep the database file open.
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dataDirectory, recursive: true); } catch (IOException) { }
    }

    private static X509Certificate2 SelfSignedCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false)); // server auth
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));
        // Re-imported so the private key is usable by SslStream on every platform.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
    }
}

/// <summary>Debian's Chromium driven by Playwright; the browser Playwright would download is never used.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // A missing browser fails the run: a skipped browser test would let CI pass without it.
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"{ChromiumPath} is missing: install Debian's chromium (apt-get install chromium fonts-noto-cjk). Never run `playwright install`.");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--lang=zh-CN"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
    }
}

/// <summary>Where screenshots go: $SHUZHI_SCREENSHOTS, else tests/Shuzhi.E2E/screenshots of the repository.</summary>
public static class Screenshots
{
    public static string Directory { get; } = Resolve();

    public static Task TakeAsync(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(Directory, name), FullPage = true, Caret = ScreenshotCaret.Initial });

    private static string Resolve()
    {
        var dir = Environment.GetEnvironmentVariable("SHUZHI_SCREENSHOTS");
        if (string.IsNullOrEmpty(dir))
        {
            var repo = new DirectoryInfo(AppContext.BaseDirectory);
            while (repo is not null && !File.Exists(Path.Combine(repo.FullName, "Shuzhi.slnx"))) repo = repo.Parent;
            dir = repo is null
                ? Path.Combine(AppContext.BaseDirectory, "screenshots")
                : Path.Combine(repo.FullName, "tests", "Shuzhi.E2E", "screenshots");
        }
        System.IO.Directory.CreateDirectory(dir);
        return dir;
    }
}

/// <summary>What the journeys share: a Chinese browser context that collects script errors and CSP violations, and the login form.</summary>
public static class Journeys
{
    /// <summary>A new context (zh-CN, the test certificate accepted) and page; the list fills with script and console errors.</summary>
    public static async Task<(IBrowserContext Context, IPage Page, List<string> Problems)> OpenAsync(IBrowser browser, BrowserNewContextOptions options)
    {
        options.Locale = "zh-CN";
        options.IgnoreHTTPSErrors = true;
        var context = await browser.NewContextAsync(options);
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        page.PageError += (_, error) => problems.Add("script error: " + error);
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && !message.Location.Contains("/favicon.ico"))
                problems.Add($"console: {message.Text} at {message.Location} on {page.Url}");
        };
        return (context, page, problems);
    }

    /// <summary>Signs in through the login page and waits for the home page.</summary>
    public static async Task LogInAsync(IPage page, string baseUrl, string user, string password)
    {
        await page.GotoAsync(baseUrl + "/Account/Login");
        await page.GetByLabel("用户名", new() { Exact = true }).FillAsync(user);
        await page.GetByLabel("密码", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录", Exact = true }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(baseUrl + "/");
    }
}
