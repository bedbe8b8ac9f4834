using Microsoft.AspNetCore.Identity;
using Shuzhi.Web.Features;

namespace Shuzhi.Web.Api;

public sealed record AccountDto(string Id, string UserName, string DisplayName, int? ScopeOrganizationId, IReadOnlyList<string> Roles,
    bool IsDisabled, bool TwoFactorEnabled, bool IsLockedOut);

public static class AccountEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/accounts").WithTags("accounts").RequireAuthorization(Policies.ManageAccounts);
        g.MapGet("", List);
        g.MapGet("/{id}", Get);
        g.MapPost("", Create);
        g.MapPut("/{id}", Update);
    }

    private static async Task<Paged<AccountDto>> List(AppDbContext db, string? q, int? page, int? pageSize, TimeProvider clock, CancellationToken ct)
    {
        var (p, size) = ApiSetup.Paging(page, pageSize);
        var query = db.ScopedUsers().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(q)) query = query.Where(u => u.UserName!.Contains(q) || u.DisplayName.Contains(q));
        var total = await query.CountAsync(ct);
        var items = await query.OrderBy(u => u.UserName).Skip((p - 1) * size).Take(size)
            .Select(u => new { User = u, Roles = db.UserRoles.Where(ur => ur.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToList() })
            .ToListAsync(ct);
        var now = clock.GetUtcNow();
        return new(items.Select(x => ToDto(x.User, x.Roles, now)).ToList(), p, size, total);
    }

    private static AccountDto ToDto(AppUser u, IEnumerable<string> roles, DateTimeOffset now) => new(u.Id, u.UserName ?? "", u.DisplayName,
        u.ScopeOrganizationId, roles.Order().ToList(), u.IsDisabled, u.TwoFactorEnabled, u.LockoutEnd > now);

    private static async Task<IResult> Get(AppDbContext db, UserManager<AppUser> users, string id, TimeProvider clock, CancellationToken ct)
    {
        var user = await db.ScopedUsers().SingleOrDefaultAsync(u => u.Id == id, ct);
        return user is null ? ApiSetup.NotFound() : TypedResults.Ok(ToDto(user, await users.GetRolesAsync(user), clock.GetUtcNow()));
    }

    private static async Task<IResult> Create(AccountCommands commands, UserManager<AppUser> users, HttpContext http, AccountInput input, TimeProvider clock, CancellationToken ct)
    {
        var outcome = await commands.CreateAsync(input, http.User.IsInRole(Roles.Admin), ct);
        if (!outcome.Ok) return ApiSetup.Invalid(outcome.Errors);
        var u = outcome.User!;
        return TypedResults.Created($"/api/v1/accounts/{u.Id}", ToDto(u, await users.GetRolesAsync(u), clock.GetUtcNow()));
    }

    private static async Task<IResult> Update(AppDbContext db, AccountCommands commands, UserManager<AppUser> users, HttpContext http, string id, AccountInput input, TimeProvider clock, CancellationToken ct)
    {
        var user = await db.ScopedUsers().SingleOrDefaultAsync(u => u.Id == id, ct);
        if (user is null) return ApiSetup.NotFound();
        var outcome = await commands.UpdateAsync(user, input, http.User.IsInRole(Roles.Admin), ct);
        if (!outcome.Ok) return ApiSetup.Invalid(outcome.Errors);
        return TypedResults.Ok(ToDto(user, await users.GetRolesAsync(user), clock.GetUtcNow()));
    }
}
