namespace Shuzhi.Domain.Meetings;

public enum VotingState
{
    /// <summary>Not yet opened (the rehearsal may run).</summary>
    Draft = 1,
    Open = 2,
    /// <summary>Closed: ballots immutable, digest stored.</summary>
    Closed = 3,
}

public enum RehearsalState
{
    None = 1,
    Open = 2,
    Closed = 3,
}

/// <summary>
/// 述职评议会: the debrief meeting of a campaign. Real voting goes Draft → Open → Closed by staff action;
/// a rehearsal (演练) with its own codes may open and close before real voting opens. Holds the speaker
/// order (reporter ids), the ballot rules and, once closed, the ballot digest.
/// </summary>
public sealed class Meeting
{
    public const int TitleMaxLength = 200;

    private Meeting() { }

    public int Id { get; private set; }
    public int CampaignId { get; private set; }
    public string Title { get; private set; } = "";
    public VotingState State { get; private set; } = VotingState.Draft;
    public RehearsalState Rehearsal { get; private set; } = RehearsalState.None;
    public IReadOnlyList<int> SpeakerOrder { get; private set; } = [];
    public BallotRules Rules { get; private set; } = BallotRules.Default;
    /// <summary>SHA-256 of the canonical ballots, set at close (<see cref="BallotDigest"/>).</summary>
    public string? Digest { get; private set; }
    /// <summary>Whether the chair has put the results on the big screen (only after the close).</summary>
    public bool ResultsShown { get; private set; }

    /// <summary>The chair shows or hides the results on the big screen; results exist only once voting has closed.</summary>
    public void ShowResults(bool show)
    {
        if (show && State != VotingState.Closed) throw new DomainException("Meeting.ResultsBeforeClose");
        ResultsShown = show;
    }

    public static Meeting Create(int campaignId, string title)
    {
        var m = new Meeting { CampaignId = campaignId };
        m.Rename(title);
        return m;
    }

    public void Rename(string title)
    {
        title = (title ?? "").Trim();
        if (title.Length == 0) throw new DomainException("Meeting.TitleRequired");
        if (title.Length > TitleMaxLength) throw new DomainException("Meeting.TitleTooLong", TitleMaxLength);
        Title = title;
    }

    /// <summary>The rules change only before voting opens.</summary>
    public void SetRules(BallotRules rules)
    {
        if (State != VotingState.Draft) throw new DomainException("Meeting.RulesLocked");
        Rules = rules.EnsureValid();
    }

    public void SetSpeakers(IReadOnlyList<int> reporterIds)
    {
        if (reporterIds.Distinct().Count() != reporterIds.Count) throw new DomainException("Meeting.SpeakerDuplicate");
        SpeakerOrder = reporterIds.ToList();
    }

    /// <summary>A new order of the same speakers.</summary>
    public void Reorder(IReadOnlyList<int> reporterIds)
    {
        if (reporterIds.Count != SpeakerOrder.Count || !reporterIds.Order().SequenceEqual(SpeakerOrder.Order()))
            throw new DomainException("Meeting.SpeakerOrderMismatch");
        SpeakerOrder = reporterIds.ToList();
    }

    /// <summary>Moves one speaker up (-1) or down (+1); at an end nothing changes.</summary>
    public void Move(int reporterId, int delta)
    {
        var list = SpeakerOrder.ToList();
        var i = list.IndexOf(reporterId);
        if (i < 0) throw new DomainException("Meeting.SpeakerNotFound");
        var j = Math.Clamp(i + Math.Sign(delta), 0, list.Count - 1);
        (list[i], list[j]) = (list[j], list[i]);
        SpeakerOrder = list;
    }

    public void OpenRehearsal()
    {
        if (State != VotingState.Draft) throw new DomainException("Meeting.RehearsalAfterVoting");
        if (Rehearsal == RehearsalState.Open) throw new DomainException("Meeting.RehearsalAlreadyOpen");
        Rehearsal = RehearsalState.Open;
    }

    public void CloseRehearsal()
    {
        if (Rehearsal != RehearsalState.Open) throw new DomainException("Meeting.RehearsalNotOpen");
        Rehearsal = RehearsalState.Closed;
    }

    /// <summary>Opens real voting; a rehearsal still open is closed first.</summary>
    public void OpenVoting()
    {
        if (State == VotingState.Open) throw new DomainException("Meeting.VotingAlreadyOpen");
        if (State == VotingState.Closed) throw new DomainException("Meeting.VotingClosed");
        if (Rehearsal == RehearsalState.Open) Rehearsal = RehearsalState.Closed;
        State = VotingState.Open;
    }

    /// <summary>Closes real voting with the digest of the ballots as they stand.</summary>
    public void CloseVoting(string digest)
    {
        if (State == VotingState.Draft) throw new DomainException("Meeting.VotingNotOpen");
        if (State == VotingState.Closed) throw new DomainException("Meeting.VotingClosed");
        if (digest is null || digest.Length != 64 || !digest.All(Uri.IsHexDigit)) throw new ArgumentException("A SHA-256 digest is 64 hex digits.", nameof(digest));
        State = VotingState.Closed;
        Digest = digest.ToLowerInvariant();
    }

    /// <summary>Throws unless a ballot of this kind of code may be cast now.</summary>
    public void EnsureOpen(CodeKind kind) => EnsureOpen(State, Rehearsal, kind);

    /// <summary>Throws unless a ballot of this kind of code may be cast in a meeting in these states.</summary>
    public static void EnsureOpen(VotingState state, RehearsalState rehearsal, CodeKind kind)
    {
        if (kind == CodeKind.Rehearsal)
        {
            if (rehearsal != RehearsalState.Open) throw new DomainException("Meeting.RehearsalNotOpen");
            return;
        }
        if (state == VotingState.Draft) throw new DomainException("Meeting.VotingNotOpen");
        if (state == VotingState.Closed) throw new DomainException("Meeting.VotingClosed");
    }

    /// <summary>Ballots (phone or paper) are added or changed only while not closed.</summary>
    public void EnsureBallotsMutable()
    {
        if (State == VotingState.Closed) throw new DomainException("Meeting.BallotsClosed");
    }

    /// <summary>Whether a recomputed digest differs from the one stored at close (to be reported).</summary>
    public bool DigestMatches(string recomputed) => Digest is not null && BallotDigest.Verify(Digest, recomputed);
}

/// <summary>
/// 点评: a comment on a reporter at the meeting (一述一评), or on all of them together at the end (总体点评, no
/// reporter), by a leader; a comment on a reporter may be marked as pointing out a problem.
/// </summary>
public sealed class MeetingComment
{
    public const int TextMaxLength = 2000;
    public const int AuthorMaxLength = 50;

    private MeetingComment() { }

    public int Id { get; private set; }
    public int MeetingId { get; private set; }
    /// <summary>The reporter commented on; null for the comment on all together (总体点评).</summary>
    public int? ReporterId { get; private set; }
    public bool IsGeneral => ReporterId is null;
    public string? AuthorUserId { get; private set; }
    public string AuthorName { get; private set; } = "";
    public string Text { get; private set; } = "";
    /// <summary>指出的问题: goes to the reporter's problem list for rectification.</summary>
    public bool IsProblem { get; private set; }

    public static MeetingComment Create(int meetingId, int? reporterId, string? authorUserId, string authorName, string text, bool isProblem)
    {
        var c = new MeetingComment { MeetingId = meetingId, ReporterId = reporterId, AuthorUserId = string.IsNullOrWhiteSpace(authorUserId) ? null : authorUserId };
        c.Update(authorName, text, isProblem);
        return c;
    }

    public void Update(string authorName, string text, bool isProblem)
    {
        authorName = (authorName ?? "").Trim();
        text = (text ?? "").Trim();
        if (authorName.Length == 0) throw new DomainException("Meeting.CommentAuthorRequired");
        if (authorName.Length > AuthorMaxLength) throw new DomainException("Meeting.CommentAuthorTooLong", AuthorMaxLength);
        if (text.Length == 0) throw new DomainException("Meeting.CommentRequired");
        if (text.Length > TextMaxLength) throw new DomainException("Meeting.CommentTooLong", TextMaxLength);
        // A problem belongs to a reporter's rectification list: the general comment's problems are listed under each reporter.
        if (isProblem && IsGeneral) throw new DomainException("Meeting.GeneralCommentNotProblem");
        AuthorName = authorName;
        Text = text;
        IsProblem = isProblem;
    }
}
