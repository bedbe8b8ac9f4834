using Shuzhi.Domain.Campaigns;
using Shuzhi.Domain.Meetings;
using Shuzhi.Web.Features;

namespace Shuzhi.Web.Api;

/// <summary>
/// The voter's phone talks to these two anonymous endpoints: the ballot sheet for a code, and the ballot cast with it.
/// The code travels only in the JSON body of a POST, never in a URL (request lines reach logs, proxies and the browser's
/// history); the phone page reads it from the URL fragment, which no browser sends to the server.
/// No antiforgery token: antiforgery protects a cookie-authenticated session against a forged cross-site request,
/// and these endpoints use no cookie or session at all (the one-time code in the body is the only credential, which a
/// cross-site page cannot know). They accept only application/json, which a plain cross-site HTML form cannot send.
/// Light per-address rate limit (a whole meeting room may share one Wi-Fi address, so it is generous) and a cap on the
/// requests served at once, so a burst of phones waits in a queue rather than exhausting the database's connections
/// (both in Infrastructure/RateLimits.cs).
/// </summary>
public static class VotingEndpoints
{
    public sealed record CodeRequest(string? Code);
    public sealed record MarkRequest(int ReporterId, string? Grade, List<decimal?>? Points);
    public sealed record CastRequest(string? Code, List<MarkRequest>? Marks);

    public sealed record GradeDto(string Label);
    public sealed record DimensionDto(string Label, int Max);
    public sealed record SpeakerDto(int ReporterId, string Organization, string? Person, string Track, BallotKind Form, IReadOnlyList<GradeDto> Grades, IReadOnlyList<DimensionDto> Dimensions);
    public sealed record SheetDto(string MeetingTitle, string Category, bool Rehearsal, int MinMarked, decimal MinShareMarked, bool BlankInvalid, IReadOnlyList<SpeakerDto> Speakers);

    public static void Map(WebApplication app)
    {
        var vote = app.MapGroup("/vote/api").AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
        vote.MapPost("/sheet", SheetAsync);
        vote.MapPost("/cast", CastAsync);
    }

    private static IResult Used() => Results.Json(new { message = Messages.Get("Meeting.CodeUsed") }, statusCode: StatusCodes.Status409Conflict);

    private static async Task<IResult> SheetAsync(CodeRequest? body, VotingService voting, CancellationToken ct)
    {
        try
        {
            var s = await voting.SheetAsync(body?.Code, ct);
            return Results.Ok(new SheetDto(s.MeetingTitle, s.CategoryName, s.Kind == CodeKind.Rehearsal, s.Rules.MinMarked(s.Speakers.Count), s.Rules.MinShareMarked,
                s.Rules.BlankInvalid,
                s.Speakers.Select(p => new SpeakerDto(p.ReporterId, p.OrganizationName, p.PersonName, p.TrackName, p.Form.Kind,
                    p.Form.Kind == BallotKind.Grade ? p.Form.Grades.Select(g => new GradeDto(g.Label)).ToList() : [],
                    p.Form.Kind == BallotKind.Dimension ? p.Form.Dimensions.Select(d => new DimensionDto(d.Label, d.MaxPoints)).ToList() : [])).ToList()));
        }
        catch (CodeUsedException) { return Used(); }
        catch (DomainException e) { return ApiSetup.Invalid(e); }
    }

    private static async Task<IResult> CastAsync(CastRequest? body, VotingService voting, CancellationToken ct)
    {
        var marks = (body?.Marks ?? []).Select(m => new Mark(m.ReporterId, m.Grade, m.Points)).ToList();
        try
        {
            await voting.CastAsync(body?.Code, marks, ct);
            // Nothing of the ballot comes back: a screen seen by a neighbour shows only that it was sent.
            return Results.Ok(new { message = VoteStrings.Vote_Submitted });
        }
        catch (CodeUsedException) { return Used(); }
        catch (DomainException e) { return ApiSetup.Invalid(e); }
    }
}
