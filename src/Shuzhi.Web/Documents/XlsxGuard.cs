namespace Shuzhi.Web.Documents;

/// <summary>The .xlsx rules of <see cref="OpenXmlPackageGuard"/>: a workbook part, errors as <see cref="XlsxFormatException"/>.</summary>
internal static class XlsxGuard
{
    public static MemoryStream Buffer(Stream input, XlsxLimits limits) => OpenXmlPackageGuard.Buffer(input, Kind(limits));

    public static void Inspect(MemoryStream package, XlsxLimits limits) => OpenXmlPackageGuard.Inspect(package, Kind(limits));

    private static PackageKind Kind(XlsxLimits limits) =>
        new(limits.MaxBytes, limits.MaxEntries, limits.MaxUncompressedBytes, "xl/workbook.xml", null, Fail);

    private static XlsxFormatException Fail(PackageProblem problem, string? detail) => problem switch
    {
        PackageProblem.TooLarge => new(XlsxFormatException.TooLarge, detail),
        PackageProblem.ZipBomb => new(XlsxFormatException.ZipBomb, detail),
        PackageProblem.BadEntry => new(XlsxFormatException.BadEntry, detail),
        PackageProblem.MacroEnabled => new(XlsxFormatException.MacroEnabled, detail),
        PackageProblem.Corrupt => new(XlsxFormatException.Corrupt, detail),
        // Password-protected .xlsx and legacy .xls files are OLE compound documents: both "not .xlsx".
        PackageProblem.NotZip or PackageProblem.OleCompoundFile or PackageProblem.WrongKind => new(XlsxFormatException.NotXlsx, detail),
        _ => throw new ArgumentOutOfRangeException(nameof(problem), problem, null),
    };
}
