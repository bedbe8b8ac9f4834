using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using Shuzhi.Domain.Reports;
using Shuzhi.Web.Documents;

namespace Shuzhi.Web.Features;

/// <summary>A stored file as listed (without its content).</summary>
public sealed record ReportFileRow(int Id, ReportFileKind Kind, string FileName, long Size, DateTimeOffset UploadedAt, string UploadedBy);

/// <summary>What an uploaded .docx gave: the text saved as the draft and the paragraphs that fit no section.</summary>
public sealed record DocxUpload(int FileId, IReadOnlyList<UnplacedParagraph> Unplaced, int PlacedSections);

/// <summary>
/// Files of a report: an uploaded Word original parsed into the outline (the placed text becomes the draft, the
/// rest is shown), a stamped PDF copy, downloads, and the .docx export of one report or of a whole track.
/// Who may upload is decided by <see cref="ReportCommands.MayWriteAsync"/>; who may download by
/// <see cref="ReportCommands.MayReadAsync"/>. A refused file changes nothing.
/// </summary>
public sealed class ReportFileCommands(AppDbContext db, ReportCommands reports, CurrentActor actor, TimeProvider clock)
{
    private static readonly byte[] PdfMagic = "%PDF-"u8.ToArray();

    /// <summary>Reads the whole upload, refusing it beyond <paramref name="max"/> bytes without reading further.</summary>
    private static async Task<byte[]?> ReadAllAsync(Stream input, long max, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int n;
        while ((n = await input.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + n > max) return null;
            buffer.Write(chunk, 0, n);
        }
        return buffer.ToArray();
    }

    private ReportFile NewFile(ReporterContext c, ReportFileKind kind, string fileName, string contentType, byte[] content) => new()
    {
        CampaignReporterId = c.Reporter.Id,
        Kind = kind,
        FileName = FileNames.Sanitize(fileName),
        ContentType = contentType,
        Size = content.LongLength,
        Sha256 = Convert.ToHexStringLower(SHA256.HashData(content)),
        Content = content,
        UploadedAt = clock.GetUtcNow(),
        UploadedBy = actor.Name,
    };

    /// <summary>
    /// Parses the .docx into the track's outline and saves the placed text as the draft (replacing it), keeping the
    /// original. Throws <see cref="DocxFormatException"/> for a file that is not a safe .docx, <see cref="DomainException"/>
    /// when the report cannot be written now; nothing is saved then.
    /// </summary>
    public async Task<DocxUpload> UploadDocxAsync(ClaimsPrincipal user, ReporterContext c, Stream input, string fileName, CancellationToken ct)
    {
        if (!await reports.MayWriteAsync(user, c.Reporter, ct)) throw new DomainException("Report.NotWriter");
        Report.EnsureStageAllowsWriting(c.Campaign.Stage);
        if (c.Report is { IsEditable: false } r0) throw new DomainException(r0.Status == ReportStatus.Approved ? "Report.AlreadyApproved" : "Report.AwaitingReview");
        var bytes = await ReadAllAsync(input, ReportFile.MaxDocxBytes, ct) ?? throw new DocxFormatException(DocxFormatException.TooLarge);
        IReadOnlyList<DocumentParagraph> paragraphs;
        using (var ms = new MemoryStream(bytes, writable: false))
            paragraphs = Docx.ReadParagraphs(ms);
        var match = OutlineMatcher.Match(c.Track.Outline, paragraphs);

        var text = c.Text;
        foreach (var s in c.Track.Outline.Sections)
        {
            var t = match.Sections.TryGetValue(s.Key, out var v) ? v : "";
            if (t.Length > ReportCommands.MaxSectionLength) throw new DomainException("Report.SectionTooLong", s.Heading, ReportCommands.MaxSectionLength);
            text = text.WithSection(s.Key, t);
        }
        var name = Path.GetFileNameWithoutExtension(fileName ?? "");
        var file = NewFile(c, ReportFileKind.OriginalDocx, name + ".docx", Docx.ContentType, bytes);
        db.ReportFiles.Add(file);
        await reports.SaveDraftAsync(user, c, text, ct); // saves the file in the same SaveChanges
        return new DocxUpload(file.Id, match.Unplaced, match.Sections.Count(x => x.Value.Length > 0));
    }

    /// <summary>Keeps a stamped PDF copy: a file that starts with %PDF- and is at most 20 MB.</summary>
    public async Task<ReportFile> UploadPdfAsync(ClaimsPrincipal user, ReporterContext c, Stream input, string fileName, CancellationToken ct)
    {
        if (!await reports.MayWriteAsync(user, c.Reporter, ct)) throw new DomainException("Report.NotWriter");
        Report.EnsureStageAllowsWriting(c.Campaign.Stage);
        var bytes = await ReadAllAsync(input, ReportFile.MaxPdfBytes, ct) ?? throw new DomainException("Rf.PdfTooLarge", ReportFile.MaxPdfBytes / 1024 / 1024);
        if (bytes.Length < PdfMagic.Length || !bytes.AsSpan(0, PdfMagic.Length).SequenceEqual(PdfMagic)) throw new DomainException("Rf.NotPdf");
        var file = NewFile(c, ReportFileKind.StampedPdf, Path.GetFileNameWithoutExtension(fileName ?? "") + ".pdf", "application/pdf", bytes);
        db.ReportFiles.Add(file);
        await db.SaveChangesAsync(ct);
        return file;
    }

    /// <summary>Keeps the slides of an on-site debrief: a safe .pptx (checked by content), for tracks that debrief on site.</summary>
    public async Task<ReportFile> UploadSlidesAsync(ClaimsPrincipal user, ReporterContext c, Stream input, string fileName, CancellationToken ct)
    {
        if (!await reports.MayWriteAsync(user, c.Reporter, ct)) throw new DomainException("Report.NotWriter");
        Report.EnsureStageAllowsWriting(c.Campaign.Stage);
        if (!c.Track.Mode.IsOnSite()) throw new DomainException("Rf.SlidesNotOnSite");
        var bytes = Slides.Check(input);
        var file = NewFile(c, ReportFileKind.Slides, Path.GetFileNameWithoutExtension(fileName ?? "") + ".pptx", Slides.ContentType, bytes);
        db.ReportFiles.Add(file);
        await db.SaveChangesAsync(ct);
        return file;
    }

    public Task<List<ReportFileRow>> ListAsync(int reporterId, CancellationToken ct) =>
        db.ReportFiles.Where(f => f.CampaignReporterId == reporterId).OrderByDescending(f => f.Id)
            .Select(f => new ReportFileRow(f.Id, f.Kind, f.FileName, f.Size, f.UploadedAt, f.UploadedBy)).ToListAsync(ct);

    /// <summary>A file of this reporter, through the scope filter; null when missing or out of scope.</summary>
    public Task<ReportFile?> FindAsync(int reporterId, int fileId, CancellationToken ct) =>
        db.ReportFiles.AsNoTracking().SingleOrDefaultAsync(f => f.Id == fileId && f.CampaignReporterId == reporterId, ct);

    /// <summary>The report in the official layout: title with the year, organization and person, and a date in Chinese form.</summary>
    public DocxReport Export(ReporterContext c, ReportText text)
    {
        var at = c.Report?.SubmittedAt ?? c.Report?.LastSavedAt ?? clock.GetUtcNow();
        var date = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, clock.LocalTimeZone).DateTime);
        var who = string.IsNullOrWhiteSpace(c.PersonName) ? c.OrganizationName : $"{c.OrganizationName} {c.PersonName}";
        return new DocxReport(string.Format(CultureInfo.InvariantCulture, ReportStrings.Rf_ExportTitle, c.Campaign.Year),
            [who, ChineseDates.Format(date)], c.Track.Outline, text.Sections, Rectification(c, text));
    }

    /// <summary>The reporter's rectification items with the responses in <paramref name="text"/>; null when there are none.</summary>
    private static DocxRectification? Rectification(ReporterContext c, ReportText text) =>
        c.RectificationItems.Count == 0 ? null
            : new DocxRectification(ReportStrings.Rr_Docx_Heading,
                c.RectificationItems.Select(i => new DocxRectificationItem(i.Text, text.Response(i.Id))).ToList(), ReportStrings.Rr_NoResponse);

    public static string BaseName(ReporterContext c) => FileNames.Sanitize(c.OrganizationName);

    /// <summary>The reports of one track of a campaign, each named by its organization; reporters without a report are skipped.</summary>
    public async Task<IReadOnlyList<(string BaseName, DocxReport Report)>> TrackReportsAsync(Campaign campaign, Track track, CancellationToken ct)
    {
        var rows = await (
            from r in db.CampaignReporters
            where r.CampaignId == campaign.Id && r.TrackId == track.Id
            join rep in db.Reports on r.Id equals rep.CampaignReporterId
            join o in db.Organizations on r.OrganizationId equals o.Id
            orderby r.SortOrder
            select new { Reporter = r, Report = rep, OrgName = o.Name }).ToListAsync(ct);
        var personIds = rows.Where(x => x.Reporter.PersonId != null).Select(x => x.Reporter.PersonId!.Value).Distinct().ToList();
        var people = await db.People.Where(p => personIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var orgIds = rows.Select(x => x.Reporter.OrganizationId).Distinct().ToList();
        var items = (await db.RectificationItems.Where(i => i.CampaignId == campaign.Id && orgIds.Contains(i.OrganizationId))
            .OrderBy(i => i.SortOrder).ThenBy(i => i.Id).ToListAsync(ct)).ToLookup(i => i.OrganizationId);
        return rows.Select(x =>
        {
            var ctx = new ReporterContext(x.Reporter, campaign, track, x.OrgName,
                x.Reporter.PersonId is { } pid ? people.GetValueOrDefault(pid) : null, x.Report) { RectificationItems = items[x.Reporter.OrganizationId].ToList() };
            return (BaseName(ctx), Export(ctx, x.Report.Text));
        }).ToList();
    }
}
