using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Shuzhi.Domain.Organizations;
using Shuzhi.Web.Data;
using Shuzhi.Web.Infrastructure;

namespace Shuzhi.Web.Tests.Infrastructure;

/// <summary>
/// Two counties under one province, each with a town and two villages with posts, and an
/// account per role. County A's accounts must never see county B's data and vice versa.
/// </summary>
public sealed class TestData
{
    public const string Password = "Test-Pass-2024";

    public required Organization Province { get; init; }
    public required County A { get; init; }
    public required County B { get; init; }

    public sealed record County(Organization Root, Organization Town, Organization Village1, Organization Village2,
        Person Secretary, Position SecretaryPost, string StaffUser, string ViewerUser, string SecretaryUser, string LeaderUser,
        string TownStaffUser);

    public static async Task<TestData> SeedAsync(ShuzhiFactory f) => await f.WithDbAsync(async (db, sp) =>
    {
        var users = sp.GetRequiredService<UserManager<AppUser>>();
        var province = Organization.Create("P", "某省委", OrganizationKind.PartyCommittee, UnitType.Agency, null);
        db.Organizations.Add(province);
        await db.SaveChangesAsync();
        var a = await CountyAsync(db, users, province, "CA", "甲县");
        var b = await CountyAsync(db, users, province, "CB", "乙县");
        return new TestData { Province = province, A = a, B = b };
    });

    private static async Task<County> CountyAsync(AppDbContext db, UserManager<AppUser> users, Organization province, string code, string name)
    {
        var county = Organization.Create(code, $"中共{name}委员会", OrganizationKind.PartyCommittee, UnitType.Agency, province);
        db.Organizations.Add(county);
        await db.SaveChangesAsync();
        var town = Organization.Create($"{code}-T", $"{name}城关镇党委", OrganizationKind.PartyCommittee, UnitType.Township, county);
        db.Organizations.Add(town);
        await db.SaveChangesAsync();
        var v1 = Organization.Create($"{code}-T-1", $"{name}一村党支部", OrganizationKind.Branch, UnitType.Village, town, 1);
        var v2 = Organization.Create($"{code}-T-2", $"{name}二村党支部", OrganizationKind.Branch, UnitType.Village, town, 2);
        db.Organizations.AddRange(v1, v2);
        await db.SaveChangesAsync();
        var secretary = Person.Create($"{name}书记", Gender.Male, 1975, "13800000000", v1.Id);
        var deputy = Person.Create($"{name}副书记", Gender.Female, 1980, null, v2.Id);
        db.People.AddRange(secretary, deputy);
        await db.SaveChangesAsync();
        var post = Position.Create(v1.Id, secretary.Id, PositionRole.Secretary, null, 0, new DateOnly(2021, 10, 1), null);
        db.Positions.AddRange(post, Position.Create(v2.Id, deputy.Id, PositionRole.DeputySecretary, null, 1, new DateOnly(2021, 10, 1), null));
        await db.SaveChangesAsync();

        var prefix = code.ToLowerInvariant();
        await AccountAsync(users, $"{prefix}_staff", Roles.OrgStaff, county.Id);
        await AccountAsync(users, $"{prefix}_viewer", Roles.Viewer, county.Id);
        await AccountAsync(users, $"{prefix}_secretary", Roles.Secretary, v1.Id);
        await AccountAsync(users, $"{prefix}_leader", Roles.Leader, town.Id);
        await AccountAsync(users, $"{prefix}_townstaff", Roles.OrgStaff, town.Id);
        return new County(county, town, v1, v2, secretary, post, $"{prefix}_staff", $"{prefix}_viewer", $"{prefix}_secretary", $"{prefix}_leader", $"{prefix}_townstaff");
    }

    public static async Task<AppUser> AccountAsync(UserManager<AppUser> users, string userName, string role, int? scopeId)
    {
        var user = new AppUser { UserName = userName, DisplayName = userName, ScopeOrganizationId = scopeId, CreatedAt = DateTimeOffset.UtcNow };
        var r = await users.CreateAsync(user, Password);
        if (!r.Succeeded) throw new InvalidOperationException(string.Join(";", r.Errors.Select(e => e.Description)));
        await users.AddToRoleAsync(user, role);
        return user;
    }
}
