using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace Shuzhi.Web.Infrastructure;

/// <summary>The security settings that are not authentication itself (AuthSetup): cookies, rate limits, the 503 mapping.</summary>
public static class SecuritySetup
{
    public static IServiceCollection AddShuzhiSecurity(this IServiceCollection services, IConfiguration config)
    {
        var secure = config.GetValue("Security:SecureCookies", true) ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        // TempData (the flash messages) travels in a cookie: as strict as the session's.
        services.Configure<CookieTempDataProviderOptions>(o =>
        {
            o.Cookie.Name = "shuzhi.tmp";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = secure;
        });
        services.AddShuzhiRateLimits(config);
        services.AddExceptionHandler<DatabaseUnavailableHandler>();
        return services;
    }

    /// <summary>Unhandled exceptions: 503 when the database is unavailable (DatabaseUnavailableHandler), else 500 and /Error.</summary>
    public static IApplicationBuilder UseShuzhiExceptionHandler(this IApplicationBuilder app) =>
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandlingPath = "/Error",
            StatusCodeSelector = DatabaseUnavailableHandler.StatusFor,
        });
}
