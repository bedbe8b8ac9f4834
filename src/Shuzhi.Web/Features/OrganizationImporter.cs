using Shuzhi.Web.Documents;

namespace Shuzhi.Web.Features;

public sealed record ImportSummary(int Created, int Updated, int Moved, int PeopleCreated, int PositionsCreated, int PositionsUpdated)
{
    public int Changes => Created + Updated + Moved + PeopleCreated + PositionsCreated + PositionsUpdated;
}

/// <summary>
/// Applies an organization workbook all-or-nothing: it is validated as a whole first, then
/// written in one transaction. Rows are matched on organization code (and on person name +
/// birth year + organization, role and start date for posts), so re-importing a file changes nothing.
/// </summary>
public sealed class OrganizationImporter(AppDbContext db)
{
    public sealed record Result(ImportSummary? Summary, IReadOnlyList<ImportError> Errors);

    public async Task<Result> ImportAsync(Stream file, CancellationToken ct)
    {
        IReadOnlyList<XlsxTable> tables;
        try { tables = Xlsx.Read(file); }
        catch (XlsxFormatException e) { return new(null, [new ImportError("", 0, "", e.Code)]); }

        var parsed = OrganizationWorkbook.Parse(tables);
        if (parsed.Errors.Count > 0) return new(null, parsed.Errors);

        var existing = await ExistingAsync(parsed, ct);
        var plan = OrganizationImport.Validate(parsed.Organizations, parsed.Positions, existing, db.CurrentScope.Scope.IsUnrestricted);
        if (!plan.IsValid) return new(null, plan.Errors);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var summary = await ApplyAsync(plan, ct);
        await tx.CommitAsync(ct);
        return new(summary, []);
    }

    /// <summary>Organizations the file names (rows, parents, post rows) and all their ancestors, as the validator needs them.</summary>
    private async Task<Dictionary<string, ExistingOrganization>> ExistingAsync(OrganizationWorkbook.Parsed parsed, CancellationToken ct)
    {
        var codes = parsed.Organizations.SelectMany(r => new[] { r.Code.Trim(), r.ParentCode.Trim() })
            .Concat(parsed.Positions.Select(p => p.OrganizationCode.Trim()))
            .Where(c => c.Length > 0).Distinct().ToList();
        var paths = new List<string>();
        foreach (var chunk in codes.Chunk(500))
            paths.AddRange(await db.Organizations.IgnoreQueryFilters().Where(o => chunk.Contains(o.Code)).Select(o => o.Path).ToListAsync(ct));
        var scope = db.CurrentScope.Scope;
        var result = new Dictionary<string, ExistingOrganization>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            var segments = OrgPath.Codes(path);
            var prefix = "/";
            for (var i = 0; i < segments.Count; i++)
            {
                prefix += segments[i] + "/";
                result[segments[i]] = new ExistingOrganization(segments[i], i == 0 ? null : segments[i - 1], scope.Contains(prefix));
            }
        }
        return result;
    }

    private async Task<ImportSummary> ApplyAsync(ImportPlan plan, CancellationToken ct)
    {
        int created = 0, updated = 0, moved = 0;
        var byCode = new Dictionary<string, Organization>(StringComparer.Ordinal);
        var fileCodes = plan.Organizations.Select(o => o.Code).Concat(plan.Organizations.Select(o => o.ParentCode!)).Concat(plan.Positions.Select(p => p.OrganizationCode))
            .Where(c => c is not null).Distinct().ToList();
        foreach (var chunk in fileCodes.Chunk(500))
            foreach (var o in await db.Organizations.Where(o => chunk.Contains(o.Code)).ToListAsync(ct))
                byCode[o.Code] = o;

        // New organizations are added level by level: a child needs its parent's id.
        var pending = new List<ParsedOrganization>();
        foreach (var row in plan.Organizations)
        {
            if (byCode.TryGetValue(row.Code, out var org))
            {
                var changed = org.Name != row.Name || org.Kind != row.Kind || org.UnitType != row.UnitType || org.SortOrder != row.SortOrder || org.IsActive != row.IsActive;
                org.Rename(row.Name);
                org.Reclassify(row.Kind, row.UnitType, row.SortOrder);
                if (org.IsActive && !row.IsActive) org.Deactivate();
                else if (!org.IsActive && row.IsActive) org.Activate(null);
                if (changed) updated++;
                var currentParent = OrgPath.Codes(org.Path) is { Count: > 1 } segs ? segs[^2] : null;
                if (row.ParentCode != currentParent && row.ParentCode is not null)
                {
                    await db.SaveChangesAsync(ct);
                    await OrganizationCommands.MoveAsync(db, org, byCode[row.ParentCode], ct);
                    moved++;
                }
            }
            else pending.Add(row);
        }
        await db.SaveChangesAsync(ct);

        while (pending.Count > 0)
        {
            var ready = pending.Where(r => r.ParentCode is null || byCode.ContainsKey(r.ParentCode)).ToList();
            foreach (var row in ready)
            {
                var org = Organization.Create(row.Code, row.Name, row.Kind, row.UnitType, row.ParentCode is null ? null : byCode[row.ParentCode], row.SortOrder);
                if (!row.IsActive) org.Deactivate();
                db.Organizations.Add(org);
                byCode[row.Code] = org;
                created++;
            }
            await db.SaveChangesAsync(ct);
            pending = pending.Except(ready).ToList();
        }

        var (peopleCreated, posCreated, posUpdated) = await ApplyPositionsAsync(plan.Positions, byCode, ct);
        return new ImportSummary(created, updated, moved, peopleCreated, posCreated, posUpdated);
    }

    private async Task<(int People, int Created, int Updated)> ApplyPositionsAsync(IReadOnlyList<ParsedPosition> rows, Dictionary<string, Organization> byCode, CancellationToken ct)
    {
        if (rows.Count == 0) return (0, 0, 0);
        var orgIds = rows.Select(r => byCode[r.OrganizationCode].Id).Distinct().ToList();
        var people = new List<Person>();
        var positions = new List<Position>();
        foreach (var chunk in orgIds.Chunk(500))
        {
            people.AddRange(await db.People.Where(p => chunk.Contains(p.OrganizationId)).ToListAsync(ct));
            positions.AddRange(await db.Positions.Where(p => chunk.Contains(p.OrganizationId)).ToListAsync(ct));
        }
        var personByKey = people.GroupBy(p => (p.OrganizationId, p.Name, p.BirthYear)).ToDictionary(g => g.Key, g => g.First());

        var newPeople = 0;
        foreach (var r in rows)
        {
            var key = (byCode[r.OrganizationCode].Id, r.PersonName, r.BirthYear);
            if (personByKey.TryGetValue(key, out var person))
            {
                if (person.Gender != r.Gender || (r.Phone is not null && person.Phone != r.Phone)) person.Update(person.Name, r.Gender, person.BirthYear, r.Phone ?? person.Phone);
                continue;
            }
            person = Person.Create(r.PersonName, r.Gender, r.BirthYear, r.Phone, key.Item1);
            db.People.Add(person);
            personByKey[key] = person;
            newPeople++;
        }
        await db.SaveChangesAsync(ct);

        int created = 0, updated = 0;
        foreach (var r in rows)
        {
            var orgId = byCode[r.OrganizationCode].Id;
            var person = personByKey[(orgId, r.PersonName, r.BirthYear)];
            var existing = positions.FirstOrDefault(p => p.OrganizationId == orgId && p.PersonId == person.Id && p.Role == r.Role && p.StartDate == r.StartDate);
            if (existing is null)
            {
                var pos = Position.Create(orgId, person.Id, r.Role, r.Title, r.Rank, r.StartDate, r.EndDate);
                db.Positions.Add(pos);
                positions.Add(pos);
                created++;
            }
            else if (existing.Title != r.Title || existing.Rank != r.Rank || existing.EndDate != r.EndDate)
            {
                existing.Update(r.Role, r.Title, r.Rank, r.StartDate, r.EndDate);
                updated++;
            }
        }
        await db.SaveChangesAsync(ct);
        return (newPeople, created, updated);
    }
}
