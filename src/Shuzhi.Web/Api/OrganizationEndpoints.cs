using Shuzhi.Web.Features;

namespace Shuzhi.Web.Api;

public sealed record OrganizationDto(int Id, string Code, string Name, OrganizationKind Kind, string KindName, UnitType UnitType,
    string UnitTypeName, int? ParentId, string Path, int Depth, bool IsActive, int SortOrder)
{
    public static OrganizationDto From(Organization o) => new(o.Id, o.Code, o.Name, o.Kind, o.Kind.Name(), o.UnitType,
        o.UnitType.Name(), o.ParentId, o.Path, o.Depth, o.IsActive, o.SortOrder);
}

public sealed record OrganizationInput(string? Code, string? Name, OrganizationKind? Kind, UnitType? UnitType, int? ParentId, int? SortOrder);
public sealed record MoveInput(int ParentId);

public static class OrganizationEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/organizations").WithTags("organizations");
        g.MapGet("", List);
        g.MapGet("/{id:int}", Get);
        g.MapGet("/{id:int}/children", Children);
        g.MapGet("/{id:int}/subtree", Subtree);
        g.MapGet("/{id:int}/reporting-person", Reporting);
        var w = g.MapGroup("").RequireAuthorization(Policies.ManageOrganizations);
        w.MapPost("", Create);
        w.MapPut("/{id:int}", Update);
        w.MapPost("/{id:int}/move", Move);
        w.MapPost("/{id:int}/deactivate", Deactivate);
        w.MapPost("/{id:int}/activate", Activate);
        w.MapDelete("/{id:int}", Delete);
    }

    /// <summary>Search by name or code within the scope, optionally only active ones.</summary>
    private static async Task<Paged<OrganizationDto>> List(AppDbContext db, string? q, bool? active, int? page, int? pageSize, CancellationToken ct)
    {
        var (p, size) = ApiSetup.Paging(page, pageSize);
        var query = db.Organizations.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(q)) query = query.Where(o => o.Name.Contains(q) || o.Code.StartsWith(q));
        if (active is not null) query = query.Where(o => o.IsActive == active);
        var total = await query.CountAsync(ct);
        var items = await query.OrderBy(o => o.Path).Skip((p - 1) * size).Take(size).ToListAsync(ct);
        return new(items.Select(OrganizationDto.From).ToList(), p, size, total);
    }

    private static async Task<IResult> Get(AppDbContext db, int id, CancellationToken ct) =>
        await db.Organizations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == id, ct) is { } o
            ? TypedResults.Ok(OrganizationDto.From(o)) : ApiSetup.NotFound();

    private static async Task<IResult> Children(AppDbContext db, int id, CancellationToken ct)
    {
        if (!await db.Organizations.AnyAsync(o => o.Id == id, ct)) return ApiSetup.NotFound();
        var items = await db.Organizations.AsNoTracking().Where(o => o.ParentId == id)
            .OrderBy(o => o.SortOrder).ThenBy(o => o.Code).ToListAsync(ct);
        return TypedResults.Ok(items.Select(OrganizationDto.From));
    }

    /// <summary>The whole subtree in path order (depth-first), paged: an indexed range scan.</summary>
    private static async Task<IResult> Subtree(AppDbContext db, int id, int? page, int? pageSize, CancellationToken ct)
    {
        var root = await db.Organizations.AsNoTracking().Where(o => o.Id == id).Select(o => o.Path).SingleOrDefaultAsync(ct);
        if (root is null) return ApiSetup.NotFound();
        var (p, size) = ApiSetup.Paging(page, pageSize);
        var query = db.Subtree(root).AsNoTracking();
        var total = await query.CountAsync(ct);
        var items = await query.OrderBy(o => o.Path).Skip((p - 1) * size).Take(size).ToListAsync(ct);
        return TypedResults.Ok(new Paged<OrganizationDto>(items.Select(OrganizationDto.From).ToList(), p, size, total));
    }

    private static async Task<IResult> Reporting(AppDbContext db, int id, DateOnly? date, TimeProvider clock, CancellationToken ct)
    {
        if (!await db.Organizations.AnyAsync(o => o.Id == id, ct)) return ApiSetup.NotFound();
        var on = date ?? DateOnly.FromDateTime(clock.GetLocalNow().Date);
        var r = await OrganizationCommands.ReportingPersonAsync(db, id, on, ct);
        return r is null
            ? TypedResults.Ok(new { date = on, person = (object?)null })
            : TypedResults.Ok(new { date = on, person = new { r.Value.Person.Id, r.Value.Person.Name }, r.Value.Result.IsActing, r.Value.Result.MonthsInPost });
    }

    private static async Task<IResult> Create(AppDbContext db, OrganizationInput input, CancellationToken ct)
    {
        if (input.Kind is null) return ApiSetup.Invalid("kind", Resources.Strings.Validation_KindRequired);
        if (input.UnitType is null) return ApiSetup.Invalid("unitType", Resources.Strings.Validation_UnitTypeRequired);
        Organization? parent = null;
        if (input.ParentId is { } pid)
        {
            parent = await db.Organizations.SingleOrDefaultAsync(o => o.Id == pid, ct);
            if (parent is null) return ApiSetup.Invalid("parentId", Resources.Strings.Org_NotFound);
        }
        else if (!db.CurrentScope.Scope.IsUnrestricted) return ApiSetup.Invalid("parentId", Resources.Strings.Import_ParentRequired);
        if (await OrganizationCommands.CodeTakenAsync(db, input.Code?.Trim() ?? "", ct))
            return ApiSetup.Invalid("code", Messages.Get("Org.CodeTaken", input.Code!.Trim()));
        try
        {
            var org = Organization.Create(input.Code ?? "", input.Name ?? "", input.Kind.Value, input.UnitType.Value, parent, input.SortOrder ?? 0);
            db.Organizations.Add(org);
            await db.SaveChangesAsync(ct);
            return TypedResults.Created($"/api/v1/organizations/{org.Id}", OrganizationDto.From(org));
        }
        catch (DomainException e) { return ApiSetup.Invalid(e); }
    }

    private static async Task<IResult> Update(AppDbContext db, int id, OrganizationInput input, CancellationToken ct)
    {
        var org = await db.Organizations.SingleOrDefaultAsync(o => o.Id == id, ct);
        if (org is null) return ApiSetup.NotFound();
        if (input.Code is not null && input.Code.Trim() != org.Code) return ApiSetup.Invalid("code", Resources.Strings.Validation_CodeImmutable);
        try
        {
            org.Rename(input.Name ?? "");
            org.Reclassify(input.Kind ?? org.Kind, input.UnitType ?? org.UnitType, input.SortOrder ?? org.SortOrder);
            if (input.ParentId is { } pid && pid != org.ParentId)
            {
                var parent = await db.Organizations.SingleOrDefaultAsync(o => o.Id == pid, ct);
                if (parent is null) return ApiSetup.Invalid("parentId", Resources.Strings.Org_NotFound);
                await OrganizationCommands.MoveAsync(db, org, parent, ct);
            }
            else await db.SaveChangesAsync(ct);
            return TypedResults.Ok(OrganizationDto.From(org));
        }
        catch (DomainException e) { return ApiSetup.Invalid(e); }
    }

    private static async Task<IResult> Move(AppDbContext db, int id, MoveInput input, CancellationToken ct)
    {
        var org = await db.Organizations.SingleOrDefaultAsync(o => o.Id == id, ct);
        if (org is null) return ApiSetup.NotFound();
        if (org.Id == db.CurrentScope.ScopeOrganizationId) return ApiSetup.Forbidden(Resources.Strings.Org_CannotMoveScopeRoot);
        var parent = await db.Organizations.SingleOrDefaultAsync(o => o.Id == input.ParentId, ct);
        if (parent is null) return ApiSetup.Invalid("parentId", Resources.Strings.Org_NotFound);
        try
        {
            var moved = await OrganizationCommands.MoveAsync(db, org, parent, ct);
            return TypedResults.Ok(new { organization = OrganizationDto.From(org), descendantsMoved = moved });
        }
        catch (DomainException e) { return ApiSetup.Invalid(e); }
    }

    private static async Task<IResult> Deactivate(AppDbContext db, int id, CancellationToken ct)
    {
        var org = await db.Organizations.SingleOrDefaultAsync(o => o.Id == id, ct);
        if (org is null) return ApiSetup.NotFound();
        var n = await OrganizationCommands.DeactivateAsync(db, org, ct);
        return TypedResults.Ok(new { organization = OrganizationDto.From(org), descendantsDeactivated = n });
    }

    private static async Task<IResult> Activate(AppDbContext db, int id, CancellationToken ct)
    {
        var org = await db.Organizations.SingleOrDefaultAsync(o => o.Id == id, ct);
        if (org is null) return ApiSetup.NotFound();
        try
        {
            await OrganizationCommands.ActivateAsync(db, org, ct);
            return TypedResults.Ok(OrganizationDto.From(org));
        }
        catch (DomainException e) { return ApiSetup.Invalid(e); }
    }

    private static async Task<IResult> Delete(AppDbContext db, int id, CancellationToken ct)
    {
        var org = await db.Organizations.SingleOrDefaultAsync(o => o.Id == id, ct);
        if (org is null) return ApiSetup.NotFound();
        if (org.Id == db.CurrentScope.ScopeOrganizationId) return ApiSetup.Forbidden(Resources.Strings.Org_CannotMoveScopeRoot);
        try
        {
            await OrganizationCommands.DeleteAsync(db, org, ct);
            return TypedResults.NoContent();
        }
        catch (DomainException e) { return TypedResults.Problem(statusCode: 409, title: Messages.For(e)); }
    }
}
