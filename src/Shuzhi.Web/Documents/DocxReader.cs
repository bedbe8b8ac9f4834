using System.Text;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Shuzhi.Domain.Reports;

namespace Shuzhi.Web.Documents;

/// <summary>
/// Reads untrusted .docx uploads: zip-level checks first (<see cref="OpenXmlPackageGuard"/>), then the main document
/// part only. Headers, footers, comments and every external or embedded target (linked templates, images, altChunk,
/// subdocuments) are never opened, so no relationship is followed.
/// </summary>
internal static partial class DocxReader
{
    public const string MainContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";

    private const int MaxStyleDepth = 10;

    public static IReadOnlyList<DocumentParagraph> Read(Stream input, DocxLimits limits)
    {
        var kind = Kind(limits);
        using var buffer = OpenXmlPackageGuard.Buffer(input, kind);
        OpenXmlPackageGuard.Inspect(buffer, kind);
        try
        {
            // The zip's declared sizes were checked, but they can lie; capping characters per part bounds the XML parsers.
            var settings = new OpenSettings { AutoSave = false, MaxCharactersInPart = limits.MaxUncompressedBytes };
            using var document = WordprocessingDocument.Open(buffer, false, settings);
            // The guard has checked the content types already; this is the SDK's own reading of them.
            if (document.DocumentType is WordprocessingDocumentType.MacroEnabledDocument or WordprocessingDocumentType.MacroEnabledTemplate)
                throw new DocxFormatException(DocxFormatException.MacroEnabled, document.DocumentType.ToString());
            if (document.DocumentType != WordprocessingDocumentType.Document)
                throw new DocxFormatException(DocxFormatException.NotDocx, document.DocumentType.ToString());
            var main = document.MainDocumentPart ?? throw new DocxFormatException(DocxFormatException.NotDocx, "no main document part");
            var body = main.Document?.Body ?? throw new DocxFormatException(DocxFormatException.Corrupt, "no body");
            return ReadBody(body, new Styles(main.StyleDefinitionsPart?.Styles), limits);
        }
        catch (Exception e) when (e is not DocxFormatException and not OutOfMemoryException)
        {
            throw new DocxFormatException(DocxFormatException.Corrupt, $"{e.GetType().Name}: {e.Message}");
        }
    }

    private static PackageKind Kind(DocxLimits limits) =>
        new(limits.MaxBytes, limits.MaxEntries, limits.MaxUncompressedBytes, null, MainContentType, Fail);

    private static DocxFormatException Fail(PackageProblem problem, string? detail) => problem switch
    {
        PackageProblem.OleCompoundFile => new(DocxFormatException.LegacyDoc, detail),
        PackageProblem.TooLarge => new(DocxFormatException.TooLarge, detail),
        PackageProblem.ZipBomb => new(DocxFormatException.ZipBomb, detail),
        PackageProblem.BadEntry => new(DocxFormatException.BadEntry, detail),
        PackageProblem.MacroEnabled => new(DocxFormatException.MacroEnabled, detail),
        PackageProblem.Corrupt => new(DocxFormatException.Corrupt, detail),
        PackageProblem.NotZip or PackageProblem.WrongKind => new(DocxFormatException.NotDocx, detail),
        _ => throw new ArgumentOutOfRangeException(nameof(problem), problem, null),
    };

    private static List<DocumentParagraph> ReadBody(Body body, Styles styles, DocxLimits limits)
    {
        var result = new List<DocumentParagraph>();
        foreach (var paragraph in body.Descendants<Paragraph>())
        {
            // Paragraphs in text boxes come up here on their own; a run contributes only its direct text below.
            if (IsDuplicateFallback(paragraph)) continue;
            var style = paragraph.ParagraphProperties?.ParagraphStyleId?.Val?.Value;
            var level = HeadingLevel(paragraph, style, styles);
            // numId 0 switches off the numbering a style would give.
            var numbered = (paragraph.ParagraphProperties?.NumberingProperties?.NumberingId?.Val?.Value ?? styles.NumberingId(style)) is > 0;
            var styleBold = styles.Bold(style);

            foreach (var (text, bold) in Lines(paragraph, styleBold))
            {
                if (result.Count >= limits.MaxParagraphs)
                    throw new DocxFormatException(DocxFormatException.TooManyParagraphs, $"more than {limits.MaxParagraphs} paragraphs");
                result.Add(new DocumentParagraph(text, level, bold, numbered));
            }
        }
        return result;
    }

    /// <summary>
    /// Word stores a text box twice, for new and old readers (mc:Choice and mc:Fallback). The fallback's text is
    /// a duplicate when the choice holds paragraphs the SDK understands.
    /// </summary>
    private static bool IsDuplicateFallback(Paragraph paragraph)
    {
        var fallback = paragraph.Ancestors<AlternateContentFallback>().FirstOrDefault();
        return fallback?.Parent is AlternateContent alternatives
            && alternatives.Elements<AlternateContentChoice>().Any(choice => choice.Descendants<Paragraph>().Any());
    }

    /// <summary>The paragraph's text split at line and page breaks; each line with whether all its text is bold.</summary>
    private static IEnumerable<(string Text, bool Bold)> Lines(Paragraph paragraph, bool styleBold)
    {
        var text = new StringBuilder();
        var allBold = true;
        var lines = new List<(string, bool)>();

        void EndLine()
        {
            var line = text.ToString().Trim();
            if (line.Length > 0) lines.Add((line, allBold));
            text.Clear();
            allBold = true;
        }

        foreach (var run in Runs(paragraph))
        {
            var runBold = RunBold(run, styleBold);
            foreach (var element in run.ChildElements)
            {
                switch (element)
                {
                    case Text t:
                        text.Append(t.Text);
                        if (!string.IsNullOrWhiteSpace(t.Text)) allBold &= runBold;
                        break;
                    case TabChar or PositionalTab:
                        text.Append('\t');
                        break;
                    case Break or CarriageReturn:
                        EndLine();
                        break;
                    case NoBreakHyphen:
                        text.Append('-');
                        break;
                }
            }
        }
        EndLine();
        return lines;
    }

    /// <summary>
    /// The runs that belong to the paragraph itself, in order: inside hyperlinks, smart tags, fields, content
    /// controls and insertions, but not inside deletions or nested text-box paragraphs.
    /// </summary>
    private static IEnumerable<Run> Runs(OpenXmlElement element)
    {
        foreach (var child in element.ChildElements)
        {
            switch (child)
            {
                case Run run:
                    yield return run;
                    break;
                case DeletedRun or MoveFromRun or Paragraph or ParagraphProperties:
                    break;
                default:
                    foreach (var inner in Runs(child)) yield return inner;
                    break;
            }
        }
    }

    private static bool RunBold(Run run, bool styleBold) =>
        run.RunProperties?.Bold is { } bold ? bold.Val is null || bold.Val.Value : styleBold;

    private static int? HeadingLevel(Paragraph paragraph, string? style, Styles styles)
    {
        var outline = paragraph.ParagraphProperties?.OutlineLevel?.Val?.Value ?? styles.OutlineLevel(style);
        // Outline levels 0–8 are headings 1–9; 9 is body text.
        if (outline is >= 0 and <= 8) return outline + 1;
        return styles.NamedHeadingLevel(style);
    }

    /// <summary>Style lookups along the basedOn chain (English and Chinese Word name heading styles differently).</summary>
    private sealed partial class Styles(DocumentFormat.OpenXml.Wordprocessing.Styles? styles)
    {
        private readonly Dictionary<string, Style> _byId = (styles?.Elements<Style>() ?? [])
            .Where(s => s.StyleId?.Value is not null)
            .GroupBy(s => s.StyleId!.Value!, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);

        private IEnumerable<Style> Chain(string? id)
        {
            for (var depth = 0; id is not null && depth < MaxStyleDepth && _byId.TryGetValue(id, out var style); depth++)
            {
                yield return style;
                id = style.BasedOn?.Val?.Value;
            }
        }

        public int? OutlineLevel(string? id) =>
            Chain(id).Select(s => s.StyleParagraphProperties?.OutlineLevel?.Val?.Value).FirstOrDefault(l => l is not null);

        public int? NumberingId(string? id) =>
            Chain(id).Select(s => s.StyleParagraphProperties?.NumberingProperties?.NumberingId?.Val?.Value).FirstOrDefault(n => n is not null);

        public bool Bold(string? id) =>
            Chain(id).Select(s => s.StyleRunProperties?.Bold).FirstOrDefault(b => b is not null) is { } bold && (bold.Val is null || bold.Val.Value);

        /// <summary>"heading 2", "Heading2", "标题 2" (the style's name, or its id when it has no name).</summary>
        public int? NamedHeadingLevel(string? id)
        {
            foreach (var style in Chain(id))
            {
                var name = style.StyleName?.Val?.Value ?? style.StyleId?.Value ?? "";
                if (HeadingName().Match(name) is { Success: true } m) return int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            }
            return id is not null && HeadingName().Match(id) is { Success: true } byId
                ? int.Parse(byId.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)
                : null;
        }

        [GeneratedRegex(@"^(?:heading|标题)\s*([1-9])$", RegexOptions.IgnoreCase)]
        private static partial Regex HeadingName();
    }
}
