namespace Shuzhi.Web.Documents;

/// <summary>
/// The PowerPoint (.pptx) a reporter brings to an on-site debrief (seed 004: 8 minutes with a PPT). Checked at the zip
/// level like the Word and Excel uploads (magic bytes, size, entries, zip bomb, macros, the presentation's content
/// type); never opened further, only kept and served back as an attachment.
/// </summary>
public static class Slides
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.presentationml.presentation";
    private const string MainContentType = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml";
    public const long MaxBytes = 50L * 1024 * 1024;

    private static readonly PackageKind Kind = new(MaxBytes, 20_000, 1024L * 1024 * 1024, null, MainContentType, Fail);

    /// <summary>The upload's bytes when it is a safe .pptx; <see cref="DomainException"/> (Rf.Slides*) with the reason otherwise.</summary>
    public static byte[] Check(Stream input)
    {
        using var buffer = OpenXmlPackageGuard.Buffer(input, Kind);
        OpenXmlPackageGuard.Inspect(buffer, Kind);
        return buffer.ToArray();
    }

    private static DomainException Fail(PackageProblem problem, string? detail) => problem switch
    {
        PackageProblem.OleCompoundFile => new("Rf.SlidesLegacy"),
        PackageProblem.TooLarge => new("Rf.SlidesTooLarge", MaxBytes / 1024 / 1024),
        PackageProblem.MacroEnabled => new("Rf.SlidesMacro"),
        PackageProblem.ZipBomb or PackageProblem.BadEntry or PackageProblem.Corrupt => new("Rf.SlidesDamaged"),
        _ => new("Rf.NotSlides"),
    };
}
