using Microsoft.AspNetCore.Identity;

namespace Shuzhi.Web.Infrastructure;

/// <summary>
/// Demo data (`--demo`): the township of seed 003 (童家镇, 21 村/社区 under the town committee,
/// under the county committee) and a university shaped like seed 004 (学院党总支 with their
/// branches, 直属党支部, 非教学单位). Idempotent; demo account passwords are reset and printed on every run.
/// </summary>
public static partial class DemoData
{
    private static readonly string[] Villages =
    [
        "童家社区", "石佛村", "高寺村", "龙泉村", "青龙村", "白鹤村", "双河村", "回龙村", "金鸡村", "玉峰村", "莲花村",
        "桂花村", "大佛村", "凤凰村", "三星村", "长乐村", "和平村", "新民村", "永兴村", "太平村", "柏树社区",
    ];

    private static readonly string[] Surnames = ["张", "王", "李", "刘", "陈", "杨", "黄", "赵", "周", "吴", "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗"];
    private static readonly string[] Given = ["建国", "志强", "秀英", "丽华", "明", "伟", "芳", "军", "敏", "勇", "静", "磊", "洋", "艳", "杰", "娟", "涛", "超", "霞", "平", "刚", "桂兰"];

    public static async Task LoadAsync(IServiceProvider sp, TextWriter output)
    {
        var db = sp.GetRequiredService<AppDbContext>();
        var users = sp.GetRequiredService<UserManager<AppUser>>();
        var rnd = new Random(2023);
        var start = new DateOnly(2021, 10, 1);

        var county = await Org(db, "LZX", "中共乐至县委员会", OrganizationKind.PartyCommittee, UnitType.Agency, null, 0);
        var town = await Org(db, "TJZ", "中共乐至县童家镇委员会", OrganizationKind.PartyCommittee, UnitType.Township, county, 1);
        for (var i = 0; i < Villages.Length; i++)
        {
            var v = Villages[i];
            var unit = v.EndsWith("社区") ? UnitType.Community : UnitType.Village;
            var org = await Org(db, $"TJZ-{i + 1:00}", $"童家镇{v}党支部", OrganizationKind.Branch, unit, town, i + 1);
            // One village has a new secretary (任职时间较短), one has the post vacant (副书记代为述职).
            var secretaryStart = i == 3 ? new DateOnly(2023, 9, 1) : start;
            if (i != 5) await Post(db, rnd, org, PositionRole.Secretary, null, 0, secretaryStart);
            await Post(db, rnd, org, PositionRole.DeputySecretary, null, 1, start);
            await Post(db, rnd, org, PositionRole.CommitteeMember, "组织委员", 0, start);
        }
        await Post(db, rnd, town, PositionRole.Secretary, null, 0, start);
        await Post(db, rnd, town, PositionRole.DeputySecretary, null, 1, start);
        await Post(db, rnd, town, PositionRole.CommitteeMember, "组织委员", 0, start);

        var uni = await Org(db, "SZTU", "中共深圳技术大学委员会", OrganizationKind.PartyCommittee, UnitType.University, null, 1);
        string[] colleges = ["中德智能制造学院", "大数据与互联网学院", "新材料与新能源学院", "城市交通与物流学院", "健康与环境工程学院", "工程物理学院", "药学院"];
        for (var i = 0; i < colleges.Length; i++)
        {
            var c = await Org(db, $"SZTU-C{i + 1:00}", $"{colleges[i]}党总支", OrganizationKind.GeneralBranch, UnitType.Faculty, uni, i + 1);
            await Post(db, rnd, c, PositionRole.Secretary, null, 0, start);
            await Post(db, rnd, c, PositionRole.DeputySecretary, null, 1, start);
            string[] branches = ["教工第一党支部", "教工第二党支部", "学生党支部"];
            for (var j = 0; j < branches.Length; j++)
            {
                var b = await Org(db, $"SZTU-C{i + 1:00}-B{j + 1}", $"{colleges[i]}{branches[j]}", OrganizationKind.Branch, UnitType.Faculty, c, j + 1);
                await Post(db, rnd, b, PositionRole.Secretary, null, 0, start);
                await Post(db, rnd, b, PositionRole.CommitteeMember, "组织委员", 0, start);
            }
        }
        // 直属党支部 of colleges, and of 体育与艺术学院; 基教集团党总支; 非教学单位直属党支部.
        string[] direct = ["创意设计学院直属党支部", "商学院直属党支部", "体育与艺术学院直属党支部"];
        for (var i = 0; i < direct.Length; i++)
        {
            var d = await Org(db, $"SZTU-D{i + 1:00}", direct[i], OrganizationKind.Branch, UnitType.Faculty, uni, 20 + i);
            // The secretary post of the art college branch is vacant: a deputy reports (seed 004).
            if (i != 2) await Post(db, rnd, d, PositionRole.Secretary, null, 0, start);
            await Post(db, rnd, d, PositionRole.DeputySecretary, null, 1, start);
        }
        var jj = await Org(db, "SZTU-JJ", "基础教育集团党总支", OrganizationKind.GeneralBranch, UnitType.School, uni, 30);
        await Post(db, rnd, jj, PositionRole.Secretary, null, 0, start);
        for (var j = 1; j <= 2; j++)
        {
            var b = await Org(db, $"SZTU-JJ-B{j}", $"基础教育集团第{(j == 1 ? "一" : "二")}党支部", OrganizationKind.Branch, UnitType.School, jj, j);
            await Post(db, rnd, b, PositionRole.Secretary, null, 0, start);
        }
        string[] offices = ["党政办公室", "组织部（党校）", "教务部", "图书馆", "后勤保障部"];
        for (var i = 0; i < offices.Length; i++)
        {
            var o = await Org(db, $"SZTU-N{i + 1:00}", $"{offices[i]}直属党支部", OrganizationKind.Branch, UnitType.Agency, uni, 40 + i);
            await Post(db, rnd, o, PositionRole.Secretary, null, 0, start);
        }

        await LoadCampaignsAsync(sp);

        var accounts = new (string User, string Name, string Role, Organization Scope)[]
        {
            ("county_viewer", "县委组织部（上级查看）", Roles.Viewer, county),
            ("tjz_staff", "童家镇党建办", Roles.OrgStaff, town),
            ("tjz_leader", "童家镇党委书记", Roles.Leader, town),
            ("tjz_supervisor", "童家镇包片领导", Roles.Supervisor, town),
            ("tjz_inspector", "童家镇检查人员", Roles.Inspector, town),
            ("tjz_secretary", "石佛村党支部书记", Roles.Secretary, await db.Organizations.SingleAsync(o => o.Code == "TJZ-02")),
            ("sztu_staff", "深圳技术大学党委组织部", Roles.OrgStaff, uni),
            ("sztu_leader", "深圳技术大学党委书记", Roles.Leader, uni),
            ("sztu_secretary", "中德智能制造学院党总支书记", Roles.Secretary, await db.Organizations.SingleAsync(o => o.Code == "SZTU-C01")),
        };
        output.WriteLine();
        output.WriteLine("Demo data loaded (童家镇 and 深圳技术大学). Demo accounts (passwords reset on every --demo start):");
        foreach (var (userName, name, role, scope) in accounts)
        {
            var password = StartupTasks.NewPassword(12);
            var user = await users.FindByNameAsync(userName);
            if (user is null)
            {
                user = new AppUser { UserName = userName, DisplayName = name, ScopeOrganizationId = scope.Id, CreatedAt = DateTimeOffset.UtcNow };
                Check(await users.CreateAsync(user, password));
                Check(await users.AddToRoleAsync(user, role));
            }
            else
            {
                var token = await users.GeneratePasswordResetTokenAsync(user);
                Check(await users.ResetPasswordAsync(user, token, password));
            }
            output.WriteLine($"  {userName,-16} {password}  {Roles.Label(role)} @ {scope.Name}");
        }
    }

    private static void Check(IdentityResult r)
    {
        if (!r.Succeeded) throw new InvalidOperationException(string.Join("; ", r.Errors.Select(e => e.Description)));
    }

    private static async Task<Organization> Org(AppDbContext db, string code, string name, OrganizationKind kind, UnitType unit, Organization? parent, int sort)
    {
        var existing = await db.Organizations.SingleOrDefaultAsync(o => o.Code == code);
        if (existing is not null) return existing;
        var org = Organization.Create(code, name, kind, unit, parent, sort);
        db.Organizations.Add(org);
        await db.SaveChangesAsync();
        return org;
    }

    private static async Task Post(AppDbContext db, Random rnd, Organization org, PositionRole role, string? title, int rank, DateOnly start)
    {
        if (await db.Positions.AnyAsync(p => p.OrganizationId == org.Id && p.Role == role && p.Title == title)) return;
        var name = Surnames[rnd.Next(Surnames.Length)] + Given[rnd.Next(Given.Length)];
        var person = Person.Create(name, rnd.Next(3) == 0 ? Gender.Female : Gender.Male, rnd.Next(1965, 1992), null, org.Id);
        db.People.Add(person);
        await db.SaveChangesAsync();
        db.Positions.Add(Position.Create(org.Id, person.Id, role, title, rank, start, null));
        await db.SaveChangesAsync();
    }
}
