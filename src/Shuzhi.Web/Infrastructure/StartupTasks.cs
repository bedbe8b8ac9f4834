using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace Shuzhi.Web.Infrastructure;

/// <summary>Runs before the server listens: migrations, roles, the first administrator, demo data.</summary>
public static class StartupTasks
{
    public const string AdminUserName = "admin";

    public static async Task RunAsync(IServiceProvider services, IConfiguration config, bool loadDemo)
    {
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        sp.GetRequiredService<CurrentScope>().UseUnrestricted();
        var db = sp.GetRequiredService<AppDbContext>();
        await DatabaseSetup.MigrateAsync(db);

        var roles = sp.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
            if (!await roles.RoleExistsAsync(role))
                await roles.CreateAsync(new IdentityRole(role));
        foreach (var role in Roles.All)
            if (!await db.RolePolicies.AnyAsync(p => p.RoleName == role))
                db.RolePolicies.Add(new RolePolicy { RoleName = role, RequireTwoFactor = false });
        await db.SaveChangesAsync();

        var users = sp.GetRequiredService<UserManager<AppUser>>();
        var urls = config["Urls"] ?? config["ASPNETCORE_URLS"] ?? "http://localhost:5080";
        if (!(await users.GetUsersInRoleAsync(Roles.Admin)).Any())
        {
            var fromEnv = config["SHUZHI_ADMIN_PASSWORD"];
            var password = string.IsNullOrEmpty(fromEnv) ? NewPassword() : fromEnv;
            var admin = new AppUser { UserName = AdminUserName, DisplayName = "系统管理员", CreatedAt = DateTimeOffset.UtcNow };
            var result = await users.CreateAsync(admin, password);
            if (!result.Succeeded)
                throw new InvalidOperationException("Cannot create the administrator: " + string.Join("; ", result.Errors.Select(e => e.Description)));
            await users.AddToRoleAsync(admin, Roles.Admin);
            // Printed to the console once, never to the log.
            Console.WriteLine();
            Console.WriteLine("述职评议考核系统: administrator account created.");
            Console.WriteLine($"  user: {AdminUserName}");
            Console.WriteLine(string.IsNullOrEmpty(fromEnv) ? $"  password: {password}  (shown once; change it after logging in)" : "  password: from SHUZHI_ADMIN_PASSWORD");
        }

        if (loadDemo)
            await DemoData.LoadAsync(sp, Console.Out);

        Console.WriteLine($"述职评议考核系统 is starting; log in at {urls.Split(';')[0].TrimEnd('/')}/Account/Login");
    }

    /// <summary>16 characters from an alphabet without look-alikes.</summary>
    public static string NewPassword(int length = 16)
    {
        const string alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789";
        return string.Create(length, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++) span[i] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
        });
    }
}
