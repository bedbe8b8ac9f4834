using Shuzhi.Web.Features;

namespace Shuzhi.Web.Api;

public sealed record ComponentDto(ScoreComponent Component, string Name, int Weight);
public sealed record BallotDto(BallotKind Kind, IReadOnlyList<GradeOption> Grades, IReadOnlyList<Dimension> Dimensions, int Total);

public sealed record TrackDto(int Id, int CampaignId, string Name, int SortOrder, DebriefMode Mode, string ModeName,
    IReadOnlyList<ComponentDto> Components, BallotDto Ballot, int? SpeakingMinutes, bool PptRequired, int ReporterCount)
{
    public static TrackDto From(Track t, int reporters) => new(t.Id, t.CampaignId, t.Name, t.SortOrder, t.Mode, t.Mode.Name(),
        t.Components.Select(c => new ComponentDto(c.Component, c.Component.Name(), c.Weight)).ToList(),
        new BallotDto(t.Ballot.Kind, t.Ballot.Grades, t.Ballot.Dimensions, t.Ballot.Total), t.SpeakingMinutes, t.PptRequired, reporters);
}

public sealed record ComponentInput(ScoreComponent Component, int Weight);
public sealed record BallotInput(BallotKind? Kind, List<GradeOption>? Grades, List<Dimension>? Dimensions, int? Total);
public sealed record TrackApiInput(string? Name, DebriefMode? Mode, List<ComponentInput>? Components, BallotInput? Ballot, int? SpeakingMinutes, bool? PptRequired);
public sealed record AddReportersInput(int TrackId, int[]? OrganizationIds, OrganizationKind? Kind);
public sealed record MoveReporterInput(int TrackId);

public sealed record ReporterDto(int Id, int TrackId, string TrackName, int OrganizationId, string OrganizationCode, string OrganizationName,
    int? PersonId, string? PersonName, bool IsActing, bool ShortTenure);

public sealed record CoverageDto(int OrganizationId, string OrganizationCode, string OrganizationName, IReadOnlyList<int> YearsOnSite,
    int YearsLeft, bool Covered, bool WillMissTerm);

/// <summary>Tracks (层面), reporters and term coverage of a campaign. Writes: administrators and organization staff.</summary>
public static class TrackEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/campaigns/{id:int}").WithTags("tracks");
        g.MapGet("/tracks", List);
        g.MapGet("/tracks/{trackId:int}", Get);
        g.MapGet("/reporters", Reporters);
        g.MapGet("/coverage", Coverage);
        var w = g.MapGroup("").RequireAuthorization(Policies.ManageCampaigns);
        w.MapPost("/tracks", Create);
        w.MapPut("/tracks/{trackId:int}", Update);
        w.MapDelete("/tracks/{trackId:int}", Delete);
        w.MapPost("/reporters", AddReporters);
        w.MapDelete("/reporters/{reporterId:int}", RemoveReporter);
        w.MapPost("/reporters/{reporterId:int}/move", MoveReporter);
    }

    private static async Task<IResult> List(TrackCommands cmd, AppDbContext db, int id, CancellationToken ct)
    {
        if (await cmd.FindAsync(id, ct) is not { } c) return ApiSetup.NotFound();
        var counts = await Counts(db, c.Id, ct);
        return TypedResults.Ok((await cmd.TracksAsync(c.Id, ct)).Select(t => TrackDto.From(t, counts.GetValueOrDefault(t.Id))));
    }

    private static async Task<IResult> Get(TrackCommands cmd, AppDbContext db, int id, int trackId, CancellationToken ct)
    {
        if (await cmd.FindAsync(id, ct) is not { } c) return ApiSetup.NotFound();
        if ((await cmd.TracksAsync(c.Id, ct)).FirstOrDefault(t => t.Id == trackId) is not { } t) return ApiSetup.NotFound();
        return TypedResults.Ok(TrackDto.From(t, (await Counts(db, c.Id, ct)).GetValueOrDefault(t.Id)));
    }

    private static async Task<IResult> Create(TrackCommands cmd, int id, TrackApiInput input, CancellationToken ct)
    {
        if (await cmd.FindAsync(id, ct) is not { } c) return ApiSetup.NotFound();
        if (!cmd.MayEdit(c)) return ApiSetup.Forbidden(CampaignStrings.Cp_NotYourCampaign);
        if (Check(input) is { } problem) return problem;
        var ti = ToInput(input)!;
        try
        {
            var t = await cmd.CreateAsync(c, ti, ct);
            return TypedResults.Created($"/api/v1/campaigns/{c.Id}/tracks/{t.Id}", TrackDto.From(t, 0));
        }
        catch (DomainException e) { return Invalid(e); }
    }

    private static async Task<IResult> Update(TrackCommands cmd, AppDbContext db, int id, int trackId, TrackApiInput input, CancellationToken ct)
    {
        if (await cmd.FindAsync(id, ct) is not { } c) return ApiSetup.NotFound();
        if (!cmd.MayEdit(c)) return ApiSetup.Forbidden(CampaignStrings.Cp_NotYourCampaign);
        if ((await cmd.TracksAsync(c.Id, ct)).FirstOrDefault(t => t.Id == trackId) is not { } t) return ApiSetup.NotFound();
        if (Check(input) is { } problem) return problem;
        var ti = ToInput(input)!;
        try
        {
            await cmd.UpdateAsync(c, t, ti, ct);
            return TypedResults.Ok(TrackDto.From(t, (await Counts(db, c.Id, ct)).GetValueOrDefault(t.Id)));
        }
        catch (DomainException e) { return Invalid(e); }
    }

    private static async Task<IResult> Delete(TrackCommands cmd, int id, int trackId, CancellationToken ct)
    {
        if (await cmd.FindAsync(id, ct) is not { } c) return ApiSetup.NotFound();
        if (!cmd.MayEdit(c)) return ApiSetup.Forbidden(CampaignStrings.Cp_NotYourCampaign);
        if ((await cmd.TracksAsync(c.Id, ct)).FirstOrDefault(t => t.Id == trackId) is not { } t) return ApiSetup.NotFound();
        try
        {
            await cmd.DeleteAsync(c, t, ct);
            return TypedResults.NoContent();
        }
        catch (DomainException e) { return Invalid(e); }
    }

    private static async Task<IResult> Reporters(TrackCommands cmd, int id, CancellationToken ct)
    {
        if (await cmd.FindAsync(id, ct) is not { } c) return ApiSetup.NotFound();
        var order = (await cmd.TracksAsync(c.Id, ct)).Select(t => t.Id).ToList();
        var rows = (await cmd.Rows(c.Id).ToListAsync(ct)).OrderBy(r => order.IndexOf(r.TrackId)).ThenBy(r => r.SortOrder);
        return TypedResults.Ok(rows.Select(r => new ReporterDto(r.Id, r.TrackId, r.TrackName, r.OrganizationId, r.OrganizationCode, r.OrganizationName,
            r.PersonId, r.PersonName, r.IsActing, r.ShortTenure)));
    }

    private static async Task<IResult> AddReporters(TrackCommands cmd, int id, AddReportersInput input, CancellationToken ct)
    {
        if (await cmd.FindAsync(id, ct) is not { } c) return ApiSetup.NotFound();
        if (!cmd.MayEdit(c)) return ApiSetup.Forbidden(CampaignStrings.Cp_NotYourCampaign);
        if ((await cmd.TracksAsync(c.Id, ct)).FirstOrDefault(t => t.Id == input.TrackId) is not { } t)
            return ApiSetup.Invalid("trackId", Messages.Get("Track.NotInCampaign"));
        try
        {
            var added = await cmd.AddReportersAsync(c, t, input.OrganizationIds, input.Kind, false, ct);
            return TypedResults.Ok(new { added });
        }
        catch (DomainException e) { return Invalid(e); }
    }

    private static async Task<IResult> RemoveReporter(TrackCommands cmd, AppDbContext db, int id, int reporterId, CancellationToken ct)
    {
        if (await cmd.FindAsync(id, ct) is not { } c) return ApiSetup.NotFound();
        if (!cmd.MayEdit(c)) return ApiSetup.Forbidden(CampaignStrings.Cp_NotYourCampaign);
        if (await db.CampaignReporters.SingleOrDefaultAsync(r => r.Id == reporterId && r.CampaignId == c.Id, ct) is not { } r) return ApiSetup.NotFound();
        try
        {
            await cmd.RemoveReporterAsync(c, r, ct);
            return TypedResults.NoContent();
        }
        catch (DomainException e) { return Invalid(e); }
    }

    private static async Task<IResult> MoveReporter(TrackCommands cmd, AppDbContext db, int id, int reporterId, MoveReporterInput input, CancellationToken ct)
    {
        if (await cmd.FindAsync(id, ct) is not { } c) return ApiSetup.NotFound();
        if (!cmd.MayEdit(c)) return ApiSetup.Forbidden(CampaignStrings.Cp_NotYourCampaign);
        if (await db.CampaignReporters.SingleOrDefaultAsync(r => r.Id == reporterId && r.CampaignId == c.Id, ct) is not { } r) return ApiSetup.NotFound();
        try
        {
            await cmd.MoveReporterAsync(c, r, input.TrackId, ct);
            return TypedResults.Ok(new { r.Id, r.TrackId });
        }
        catch (DomainException e) { return Invalid(e); }
    }

    private static async Task<IResult> Coverage(TrackCommands cmd, CampaignCommands campaigns, int id, CancellationToken ct)
    {
        if (await cmd.FindAsync(id, ct) is not { } c) return ApiSetup.NotFound();
        var (start, end) = TermCoverage.TermOf(c.Year, c.TermStartYear, c.TermLength);
        var items = (await campaigns.CoverageAsync(c, ct)).Select(x => new CoverageDto(x.Org.Id, x.Org.Code, x.Org.Name,
            x.Coverage.YearsOnSite, x.Coverage.YearsLeft, x.Coverage.Covered, x.Coverage.WillMissTerm)).ToList();
        return TypedResults.Ok(new { termStart = start, termEnd = end, items });
    }

    /// <summary>Values the domain cannot judge: a missing or unknown mode, ballot kind or component.</summary>
    private static IResult? Check(TrackApiInput i)
    {
        if (i.Mode is not { } mode || !Enum.IsDefined(mode)) return ApiSetup.Invalid("mode", TrackStrings.Api_ModeRequired);
        if (i.Ballot?.Kind is { } k && !Enum.IsDefined(k)) return ApiSetup.Invalid("ballot", TrackStrings.Form_BallotKindInvalid);
        if ((i.Components ?? []).Any(c => !Enum.IsDefined(c.Component))) return ApiSetup.Invalid("components", TrackStrings.Track_UnknownComponent);
        return null;
    }

    private static TrackInput? ToInput(TrackApiInput i)
    {
        if (i.Mode is not { } mode || !Enum.IsDefined(mode)) return null;
        var b = i.Ballot;
        var ballot = b is null ? BallotForm.DefaultGrade()
            : (b.Kind ?? BallotKind.Grade) == BallotKind.Dimension
                ? new BallotForm(BallotKind.Dimension, [], b.Dimensions ?? BallotForm.DefaultDimension().Dimensions.ToList(), b.Total ?? 100)
                : new BallotForm(BallotKind.Grade, b.Grades ?? BallotForm.DefaultGrade().Grades.ToList(), [], b.Total ?? 100);
        return new TrackInput(i.Name ?? "", mode, (i.Components ?? []).Select(c => new WeightedComponent(c.Component, c.Weight)).ToList(),
            ballot, i.SpeakingMinutes, i.PptRequired ?? false);
    }

    private static Task<Dictionary<int, int>> Counts(AppDbContext db, int campaignId, CancellationToken ct) =>
        db.CampaignReporters.Where(r => r.CampaignId == campaignId).GroupBy(r => r.TrackId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);

    private static IResult Invalid(DomainException e) => ApiSetup.Invalid(e.Code switch
    {
        "Track.NameRequired" or "Track.NameTooLong" or "Track.NameTaken" => "name",
        "Track.NoComponents" or "Track.DuplicateComponent" or "Track.WeightOutOfRange" or "Track.WeightsNot100" or "Track.BallotNeedsOnSite" => "components",
        "Track.SpeakingTimeOutOfRange" => "speakingMinutes",
        "Track.NotInCampaign" or "Track.AlreadyInTrack" => "trackId",
        "Track.NoOrganizations" => "organizationIds",
        _ when e.Code.StartsWith("Ballot.", StringComparison.Ordinal) => "ballot",
        _ => "",
    }, Messages.For(e));
}
