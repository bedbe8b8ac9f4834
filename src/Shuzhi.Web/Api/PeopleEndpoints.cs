namespace Shuzhi.Web.Api;

public sealed record PersonDto(int Id, string Name, Gender Gender, int BirthYear, string? Phone, int OrganizationId)
{
    public static PersonDto From(Person p) => new(p.Id, p.Name, p.Gender, p.BirthYear, p.Phone, p.OrganizationId);
}

public sealed record PersonInput(string? Name, Gender? Gender, int? BirthYear, string? Phone, int? OrganizationId);

public sealed record PositionDto(int Id, int OrganizationId, int PersonId, string? PersonName, PositionRole Role, string RoleName,
    string? Title, int Rank, DateOnly StartDate, DateOnly? EndDate)
{
    public static PositionDto From(Position p) => new(p.Id, p.OrganizationId, p.PersonId, p.Person?.Name, p.Role, p.Role.Name(),
        p.Title, p.Rank, p.StartDate, p.EndDate);
}

public sealed record PositionInput(int? OrganizationId, int? PersonId, PositionRole? Role, string? Title, int? Rank, DateOnly? StartDate, DateOnly? EndDate);

public static class PeopleEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/people").WithTags("people");
        g.MapGet("", List);
        g.MapGet("/{id:int}", Get);
        var w = g.MapGroup("").RequireAuthorization(Policies.ManageOrganizations);
        w.MapPost("", Create);
        w.MapPut("/{id:int}", Update);
        w.MapDelete("/{id:int}", Delete);
    }

    private static async Task<Paged<PersonDto>> List(AppDbContext db, string? q, int? organizationId, int? page, int? pageSize, CancellationToken ct)
    {
        var (p, size) = ApiSetup.Paging(page, pageSize);
        var query = db.People.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(q)) query = query.Where(x => x.Name.Contains(q));
        if (organizationId is not null) query = query.Where(x => x.OrganizationId == organizationId);
        var total = await query.CountAsync(ct);
        var items = await query.OrderBy(x => x.Name).ThenBy(x => x.Id).Skip((p - 1) * size).Take(size).ToListAsync(ct);
        return new(items.Select(PersonDto.From).ToList(), p, size, total);
    }

    private static async Task<IResult> Get(AppDbContext db, int id, CancellationToken ct) =>
        await db.People.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct) is { } p ? TypedResults.Ok(PersonDto.From(p)) : ApiSetup.NotFound();

    private static async Task<IResult> Create(AppDbContext db, PersonInput input, CancellationToken ct)
    {
        if (input.OrganizationId is null || !await db.Organizations.AnyAsync(o => o.Id == input.OrganizationId, ct))
            return ApiSetup.Invalid("organizationId", Resources.Strings.Org_NotFound);
        if (input.Gender is null) return ApiSetup.Invalid("gender", Resources.Strings.Validation_GenderRequired);
        try
        {
            var person = Person.Create(input.Name ?? "", input.Gender.Value, input.BirthYear ?? 0, input.Phone, input.OrganizationId.Value);
            db.People.Add(person);
            await db.SaveChangesAsync(ct);
            return TypedResults.Created($"/api/v1/people/{person.Id}", PersonDto.From(person));
        }
        catch (DomainException e) { return ApiSetup.Invalid(e); }
    }

    private static async Task<IResult> Update(AppDbContext db, int id, PersonInput input, CancellationToken ct)
    {
        var person = await db.People.SingleOrDefaultAsync(x => x.Id == id, ct);
        if (person is null) return ApiSetup.NotFound();
        try
        {
            person.Update(input.Name ?? "", input.Gender ?? person.Gender, input.BirthYear ?? person.BirthYear, input.Phone);
            if (input.OrganizationId is { } orgId && orgId != person.OrganizationId)
            {
                if (!await db.Organizations.AnyAsync(o => o.Id == orgId, ct)) return ApiSetup.Invalid("organizationId", Resources.Strings.Org_NotFound);
                person.Reassign(orgId);
            }
            await db.SaveChangesAsync(ct);
            return TypedResults.Ok(PersonDto.From(person));
        }
        catch (DomainException e) { return ApiSetup.Invalid(e); }
    }

    private static async Task<IResult> Delete(AppDbContext db, int id, CancellationToken ct)
    {
        var person = await db.People.SingleOrDefaultAsync(x => x.Id == id, ct);
        if (person is null) return ApiSetup.NotFound();
        if (await db.Positions.IgnoreQueryFilters().AnyAsync(p => p.PersonId == id, ct))
            return TypedResults.Problem(statusCode: 409, title: Resources.Strings.Person_HasPositions);
        db.People.Remove(person);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }
}

public static class PositionEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/positions").WithTags("positions");
        g.MapGet("", List);
        g.MapGet("/{id:int}", Get);
        var w = g.MapGroup("").RequireAuthorization(Policies.ManageOrganizations);
        w.MapPost("", Create);
        w.MapPut("/{id:int}", Update);
        w.MapDelete("/{id:int}", Delete);
    }

    private static async Task<Paged<PositionDto>> List(AppDbContext db, int? organizationId, int? personId, int? page, int? pageSize, CancellationToken ct)
    {
        var (p, size) = ApiSetup.Paging(page, pageSize);
        var query = db.Positions.AsNoTracking().Include(x => x.Person).AsQueryable();
        if (organizationId is not null) query = query.Where(x => x.OrganizationId == organizationId);
        if (personId is not null) query = query.Where(x => x.PersonId == personId);
        var total = await query.CountAsync(ct);
        var items = await query.OrderBy(x => x.OrganizationId).ThenBy(x => x.Role).ThenBy(x => x.Rank).ThenBy(x => x.Id)
            .Skip((p - 1) * size).Take(size).ToListAsync(ct);
        return new(items.Select(PositionDto.From).ToList(), p, size, total);
    }

    private static async Task<IResult> Get(AppDbContext db, int id, CancellationToken ct) =>
        await db.Positions.AsNoTracking().Include(x => x.Person).SingleOrDefaultAsync(x => x.Id == id, ct) is { } p
            ? TypedResults.Ok(PositionDto.From(p)) : ApiSetup.NotFound();

    private static async Task<IResult> Create(AppDbContext db, PositionInput input, CancellationToken ct)
    {
        if (input.OrganizationId is null || !await db.Organizations.AnyAsync(o => o.Id == input.OrganizationId, ct))
            return ApiSetup.Invalid("organizationId", Resources.Strings.Org_NotFound);
        if (input.PersonId is null || !await db.People.AnyAsync(x => x.Id == input.PersonId, ct))
            return ApiSetup.Invalid("personId", Resources.Strings.Person_NotFound);
        if (input.Role is null) return ApiSetup.Invalid("role", Resources.Strings.Validation_RoleRequired);
        if (input.StartDate is null) return ApiSetup.Invalid("startDate", Resources.Strings.Validation_StartDateRequired);
        try
        {
            var pos = Position.Create(input.OrganizationId.Value, input.PersonId.Value, input.Role.Value, input.Title, input.Rank ?? 0, input.StartDate.Value, input.EndDate);
            db.Positions.Add(pos);
            await db.SaveChangesAsync(ct);
            return TypedResults.Created($"/api/v1/positions/{pos.Id}", PositionDto.From(pos));
        }
        catch (DomainException e) { return ApiSetup.Invalid(e); }
    }

    private static async Task<IResult> Update(AppDbContext db, int id, PositionInput input, CancellationToken ct)
    {
        var pos = await db.Positions.SingleOrDefaultAsync(x => x.Id == id, ct);
        if (pos is null) return ApiSetup.NotFound();
        try
        {
            pos.Update(input.Role ?? pos.Role, input.Title, input.Rank ?? pos.Rank, input.StartDate ?? pos.StartDate, input.EndDate);
            await db.SaveChangesAsync(ct);
            return TypedResults.Ok(PositionDto.From(pos));
        }
        catch (DomainException e) { return ApiSetup.Invalid(e); }
    }

    private static async Task<IResult> Delete(AppDbContext db, int id, CancellationToken ct)
    {
        var pos = await db.Positions.SingleOrDefaultAsync(x => x.Id == id, ct);
        if (pos is null) return ApiSetup.NotFound();
        db.Positions.Remove(pos);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }
}
