using Microsoft.AspNetCore.DataProtection;
using Shuzhi.Web.Api;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddScoped<CurrentScope>();
builder.Services.AddScoped<CurrentActor>();
builder.Services.AddShuzhiDatabase();
builder.Services.AddShuzhiAuth(builder.Configuration);
builder.Services.AddDataProtection().SetApplicationName("Shuzhi");
builder.Services.AddAntiforgery(o =>
{
    o.Cookie.Name = "shuzhi.af";
    o.Cookie.SameSite = SameSiteMode.Strict;
    o.Cookie.SecurePolicy = builder.Configuration.GetValue("Security:SecureCookies", true)
        ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
});
builder.Services.AddRazorPages(o =>
{
    o.Conventions.AuthorizeFolder("/");
    o.Conventions.AllowAnonymousToPage("/Account/Login");
    o.Conventions.AllowAnonymousToPage("/Account/LoginWith2fa");
    o.Conventions.AllowAnonymousToPage("/Account/AccessDenied");
    o.Conventions.AllowAnonymousToPage("/Error");
    o.Conventions.AuthorizeFolder("/Organizations/Manage", Policies.ManageOrganizations);
    o.Conventions.AuthorizeFolder("/Campaigns/Manage", Policies.ManageCampaigns);
    o.Conventions.AuthorizeFolder("/Campaigns/Tracks", Policies.ManageCampaigns);
    o.Conventions.AuthorizeFolder("/Accounts", Policies.ManageAccounts);
    o.Conventions.AuthorizeFolder("/Audit", Policies.ViewAudit);
    o.Conventions.AuthorizeFolder("/Admin", Policies.AdminOnly);
}).AddViewOptions(o =>
    // site.js validates in the browser, not jQuery Validation; its markup (data-val-*, and an empty
    // summary item hidden with style="display:none") is dead weight, and the inline style breaks the CSP.
    o.HtmlHelperOptions.ClientValidationEnabled = false);
// Chinese text is written as is, not as &#x…; entities.
builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
    o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
builder.Services.AddProblemDetails();
builder.Services.AddShuzhiApi();
builder.Services.AddShuzhiSecurity(builder.Configuration);
builder.Services.AddScoped<Shuzhi.Web.Features.AccountCommands>();
builder.Services.AddScoped<Shuzhi.Web.Features.OrganizationImporter>();
builder.Services.AddScoped<Shuzhi.Web.Features.CampaignCommands>();
builder.Services.AddScoped<Shuzhi.Web.Features.ReportCommands>();
builder.Services.AddScoped<Shuzhi.Web.Features.ReportFileCommands>();
builder.Services.AddScoped<Shuzhi.Web.Features.PublicationCommands>();
builder.Services.AddScoped<Shuzhi.Web.Features.ResultCommands>();
builder.Services.AddScoped<Shuzhi.Web.Features.UpwardCommands>();
builder.Services.AddSingleton<Shuzhi.Web.Features.VotingKey>();
builder.Services.AddScoped<Shuzhi.Web.Features.MeetingCommands>();
builder.Services.AddScoped<Shuzhi.Web.Features.DashboardQueries>();
builder.Services.AddScoped<Shuzhi.Web.Features.CampaignFigures>();
builder.Services.AddScoped<Shuzhi.Web.Features.HistoryQueries>();
builder.Services.AddScoped<Shuzhi.Web.Features.PaperBallotCommands>();
builder.Services.AddSingleton<Shuzhi.Web.Features.VotingService>();
builder.Services.AddMemoryCache();
builder.Services.AddSingleton<Shuzhi.Web.Features.MeetingSpeakerCache>();
builder.Services.AddSingleton<Shuzhi.Web.Features.SqliteWriteGate>();
builder.Services.AddScoped<Shuzhi.Web.Features.TrackCommands>();
builder.Services.AddScoped<Shuzhi.Web.Features.InspectionCommands>();
builder.Services.AddScoped<Shuzhi.Web.Features.GradingCommands>();
builder.Services.AddScoped<Shuzhi.Web.Features.RectificationCommands>();
builder.Services.AddScoped<Shuzhi.Web.Features.SheetCommands>();
builder.Services.AddScoped<Shuzhi.Web.Features.INotifier, Shuzhi.Web.Features.InAppNotifier>();
builder.Services.AddScoped<Shuzhi.Web.Features.OverdueScanner>();
if (builder.Configuration.GetValue("Jobs:Overdue", true)) builder.Services.AddHostedService<Shuzhi.Web.Features.OverdueJob>();
if (builder.Configuration.GetValue("Jobs:Figures", true)) builder.Services.AddHostedService<Shuzhi.Web.Features.FigureJob>();
builder.Services.AddOpenApi("v1", o => o.AddDocumentTransformer<BearerSecurityTransformer>());

var app = builder.Build();
if (Backup.Requested(args, out var backupDirectory)) return await Backup.RunAsync(app.Services, backupDirectory);
await StartupTasks.RunAsync(app.Services, app.Configuration, loadDemo: args.Contains("--demo"));

app.UseMiddleware<SecurityHeadersMiddleware>();
if (!app.Environment.IsDevelopment()) app.UseShuzhiExceptionHandler();
app.UseWhen(http => !http.Request.Path.StartsWithSegments("/api"),
    pages => pages.UseStatusCodePagesWithReExecute("/Error", "?code={0}"));
app.UseStaticFiles();
app.UseRouting();
app.UseRateLimiter();
app.UseAuthentication();
app.UseMiddleware<ScopeMiddleware>();
app.UseMiddleware<AccessAuditMiddleware>();
app.UseAuthorization();
app.UseAntiforgery();

app.MapOpenApi("/openapi/{documentName}.json");
app.MapRazorPages();
app.MapApi();

app.Run();
return 0;

public partial class Program;
