namespace Shuzhi.Web.Data;

/// <summary>What a <see cref="CampaignFigure"/> row counts (docs/dashboard.md, "Figures").</summary>
public enum FigureMeasure
{
    /// <summary>The campaign itself: Key = its stage, Kind/UnitType = the organizer's, Title = the organizer's name, Count = 1.</summary>
    Stage = 1,
    /// <summary>Open overdue steps: Key = the overdue kind, Kind/UnitType = the responsible organization's.</summary>
    Overdue = 2,
    /// <summary>Decided grades of a locked deliberation: Key = the grade, Kind/UnitType = the reporter organization's, Track = its track.</summary>
    Grade = 3,
    /// <summary>One voter category of a meeting: RefId = the meeting, Title = "organizer meeting", Label = the category, Key = its order,
    /// Kind/UnitType = the organizer's, Count = ballots issued, Count2 = ballots received.</summary>
    Turnout = 4,
    /// <summary>On-site coverage over the term: Kind/UnitType = the units', Count = units, Count2 = covered, Key = the last year of the
    /// term, Title = the organizer's name. One row with Flag set per campaign lists it whatever the filters (Count 0).</summary>
    Coverage = 5,
    /// <summary>Items of accepted plans: Key = the item state, Date = its deadline, Kind/UnitType = the reporter organization's, Track.</summary>
    RectItem = 6,
    /// <summary>Plans: Key = the plan state, Date = its deadline, Flag = never filed, Kind/UnitType = the reporter organization's, Track.</summary>
    RectPlan = 7,
    /// <summary>A track of the campaign (its name in Track, Count = reporters), for the track filter's choices.</summary>
    Track = 8,
}

/// <summary>
/// The dashboard's figures of one campaign, kept by <see cref="Features.CampaignFigures"/> from the records: counts by the
/// dimensions the dashboard filters and draws, so a province's dashboard sums a few rows per campaign instead of its reporters,
/// ballots and items. Rows of a campaign marked in <see cref="CampaignFigureStale"/> (by the triggers of <see cref="FigureTriggers"/>)
/// or with voting open are not trusted: the dashboard computes those campaigns from the records instead.
/// </summary>
public sealed class CampaignFigure
{
    public long Id { get; set; }
    public int CampaignId { get; set; }
    public int OrganizerId { get; set; }
    public int Year { get; set; }
    public FigureMeasure Measure { get; set; }
    public OrganizationKind Kind { get; set; }
    public UnitType UnitType { get; set; }
    public string Track { get; set; } = "";
    public int Key { get; set; }
    public string Label { get; set; } = "";
    public string Title { get; set; } = "";
    public int RefId { get; set; }
    public DateOnly? Date { get; set; }
    public bool Flag { get; set; }
    public int Count { get; set; }
    public int Count2 { get; set; }
}

/// <summary>A mark that a campaign's figures may be out of date, written by the database's triggers on the records they are made of.</summary>
public sealed class CampaignFigureStale
{
    public long Id { get; set; }
    public int CampaignId { get; set; }
}

/// <summary>
/// The triggers that mark campaigns stale (a row in "CampaignFigureStale") when a record their figures are made of changes, in
/// the same transaction as the change, whoever writes it (EF, raw SQL, bulk loads). Ballots are not watched (a cast writes
/// nothing more): a campaign with voting open is always computed from the records, and the close changes the meeting row.
/// </summary>
public static class FigureTriggers
{
    /// <summary>
    /// Each watched table, the SELECT of the campaign ids a row (NEW or OLD, written as {0}) touches, and the columns whose update
    /// matters (all when null). The SQL is part of the migration that creates it: a change here needs a migration that drops and
    /// creates the triggers again.
    /// </summary>
    private static readonly (string Table, string Campaigns, string? Columns)[] Watched =
    [
        ("Campaigns", """SELECT {0}."Id" """, null),
        ("Tracks", """SELECT {0}."CampaignId" """, null),
        ("CampaignReporters", """SELECT {0}."CampaignId" """, null),
        ("Meetings", """SELECT {0}."CampaignId" """, null),
        ("Deliberations", """SELECT {0}."CampaignId" """, null),
        ("OverdueItems", """SELECT {0}."CampaignId" """, null),
        ("RectPlans", """SELECT {0}."CampaignId" """, null),
        ("VoterCategories", """SELECT m."CampaignId" FROM "Meetings" AS m WHERE m."Id" = {0}."MeetingId" """, null),
        ("PaperEntries", """SELECT m."CampaignId" FROM "Meetings" AS m WHERE m."Id" = {0}."MeetingId" """, null),
        ("RectPlanItems", """SELECT p."CampaignId" FROM "RectPlans" AS p WHERE p."Id" = {0}."PlanId" """, null),
        // An organization's kind, type, name or place changes its organizer's campaigns (coverage: its units), its own (the
        // organizer's name) and those it reports in (grades, plans by kind).
        ("Organizations", """
            SELECT c."Id" FROM "Campaigns" AS c WHERE c."OrganizerId" = {0}."Id" OR c."OrganizerId" = {0}."ParentId"
            UNION SELECT r."CampaignId" FROM "CampaignReporters" AS r WHERE r."OrganizationId" = {0}."Id"
            """, "\"Kind\", \"UnitType\", \"IsActive\", \"ParentId\", \"Name\""),
    ];

    private static string Name(string table, string e) => $"figures_{table}_{e}".ToLowerInvariant();

    public static string CreateSqlite()
    {
        var sql = new System.Text.StringBuilder();
        foreach (var (table, campaigns, columns) in Watched)
            foreach (var (e, rows) in new[] { ("insert", new[] { "NEW" }), ("update", ["OLD", "NEW"]), ("delete", ["OLD"]) })
            {
                var of = e == "update" && columns is not null ? $" OF {columns}" : "";
                sql.Append($"CREATE TRIGGER \"{Name(table, e)}\" AFTER {e.ToUpperInvariant()}{of} ON \"{table}\" BEGIN\n");
                foreach (var row in rows)
                    sql.Append($"  INSERT INTO \"CampaignFigureStale\" (\"CampaignId\") {string.Format(campaigns, row)};\n");
                sql.Append("END;\n");
            }
        return sql.ToString();
    }

    public static string DropSqlite() => string.Concat(Watched.SelectMany(w => new[] { "insert", "update", "delete" }
        .Select(e => $"DROP TRIGGER IF EXISTS \"{Name(w.Table, e)}\";\n")));

    /// <summary>PostgreSQL: one row trigger per table, its function inserting the campaigns of OLD and NEW.</summary>
    public static string CreatePostgres()
    {
        var sql = new System.Text.StringBuilder();
        foreach (var (table, campaigns, columns) in Watched)
        {
            var name = Name(table, "mark");
            var of = columns is null ? "" : $" OF {columns}";
            sql.Append($"""
                CREATE FUNCTION "{name}"() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  IF TG_OP <> 'INSERT' THEN INSERT INTO "CampaignFigureStale" ("CampaignId") {string.Format(campaigns, "OLD")}; END IF;
                  IF TG_OP <> 'DELETE' THEN INSERT INTO "CampaignFigureStale" ("CampaignId") {string.Format(campaigns, "NEW")}; END IF;
                  RETURN NULL;
                END $$;
                CREATE TRIGGER "{name}" AFTER INSERT OR UPDATE{of} OR DELETE ON "{table}" FOR EACH ROW EXECUTE FUNCTION "{name}"();

                """);
        }
        return sql.ToString();
    }

    public static string DropPostgres() => string.Concat(Watched.Select(w =>
        $"DROP TRIGGER IF EXISTS \"{Name(w.Table, "mark")}\" ON \"{w.Table}\";\nDROP FUNCTION IF EXISTS \"{Name(w.Table, "mark")}\"();\n"));

    /// <summary>After the triggers are created: every existing campaign is stale until the job has computed its figures.</summary>
    public const string MarkAll = """INSERT INTO "CampaignFigureStale" ("CampaignId") SELECT "Id" FROM "Campaigns";""";
}
