using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace Shuzhi.Web.Infrastructure;

public static class AuthSetup
{
    /// <summary>Pages use the Identity cookie; /api/v1 accepts only bearer tokens, so a browser's cookie can never drive the API (no CSRF there).</summary>
    public const string PageOrBearer = "PageOrBearer";

    public static IServiceCollection AddShuzhiAuth(this IServiceCollection services, IConfiguration config)
    {
        services.AddIdentity<AppUser, IdentityRole>(o =>
            {
                o.Password.RequiredLength = 8;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 4;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = false;
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddDefaultTokenProviders()
            .AddErrorDescriber<ChineseIdentityErrors>();

        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));

        var secureCookies = config.GetValue("Security:SecureCookies", true);
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "shuzhi.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = secureCookies ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromMinutes(config.GetValue("Security:IdleTimeoutMinutes", 30));
            o.SlidingExpiration = true;
            o.LoginPath = "/Account/Login";
            o.LogoutPath = "/Account/Logout";
            o.AccessDeniedPath = "/Account/AccessDenied";
            // A forbidden page answers 403 (shown by the error page, audited by AccessAuditMiddleware) instead of redirecting.
            o.Events.OnRedirectToAccessDenied = ctx =>
            {
                ctx.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme, o =>
        {
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = secureCookies ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        });

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = PageOrBearer;
                o.DefaultAuthenticateScheme = PageOrBearer;
                o.DefaultChallengeScheme = PageOrBearer;
            })
            .AddPolicyScheme(PageOrBearer, PageOrBearer, o => o.ForwardDefaultSelector = http =>
                http.Request.Path.StartsWithSegments("/api") ? IdentityConstants.BearerScheme : IdentityConstants.ApplicationScheme)
            .AddBearerToken(IdentityConstants.BearerScheme, o => o.BearerTokenExpiration = TimeSpan.FromHours(8));

        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.ManageOrganizations, p => p.RequireRole(Roles.Admin, Roles.OrgStaff))
            .AddPolicy(Policies.ManageAccounts, p => p.RequireRole(Roles.Admin, Roles.OrgStaff))
            .AddPolicy(Policies.ManageCampaigns, p => p.RequireRole(Roles.Admin, Roles.OrgStaff))
            .AddPolicy(Policies.ViewAudit, p => p.RequireRole(Roles.Admin, Roles.OrgStaff))
            .AddPolicy(Policies.AdminOnly, p => p.RequireRole(Roles.Admin))
            .AddPolicy(Policies.Api, p => p.AddAuthenticationSchemes(IdentityConstants.BearerScheme).RequireAuthenticatedUser());
        return services;
    }
}

/// <summary>Identity's messages in Chinese.</summary>
public sealed class ChineseIdentityErrors : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) => new() { Code = nameof(PasswordTooShort), Description = $"密码至少需要{length}个字符。" };
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => new() { Code = nameof(PasswordRequiresUniqueChars), Description = $"密码至少需要包含{uniqueChars}个不同的字符。" };
    public override IdentityError DuplicateUserName(string userName) => new() { Code = nameof(DuplicateUserName), Description = $"用户名“{userName}”已被使用。" };
    public override IdentityError InvalidUserName(string? userName) => new() { Code = nameof(InvalidUserName), Description = $"用户名“{userName}”无效，只能包含字母、数字和 -._@+。" };
    public override IdentityError PasswordMismatch() => new() { Code = nameof(PasswordMismatch), Description = "原密码不正确。" };
    public override IdentityError InvalidToken() => new() { Code = nameof(InvalidToken), Description = "验证码无效或已过期。" };
    public override IdentityError DefaultError() => new() { Code = nameof(DefaultError), Description = "操作未成功，请重试。" };
    public override IdentityError ConcurrencyFailure() => new() { Code = nameof(ConcurrencyFailure), Description = "数据已被他人修改，请刷新后重试。" };
    public override IdentityError UserAlreadyInRole(string role) => new() { Code = nameof(UserAlreadyInRole), Description = $"账户已有角色“{Roles.Label(role)}”。" };
    public override IdentityError UserNotInRole(string role) => new() { Code = nameof(UserNotInRole), Description = $"账户没有角色“{Roles.Label(role)}”。" };
}
