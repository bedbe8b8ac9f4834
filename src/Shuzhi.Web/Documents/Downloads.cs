namespace Shuzhi.Web.Documents;

/// <summary>File downloads (.xlsx, .docx, .zip): always attachments, names made safe by <see cref="FileNames"/>.</summary>
public static class Downloads
{
    /// <summary>
    /// Writes to a temporary file first (the writers are synchronous; Kestrel forbids synchronous writes to the
    /// response) and streams it from there.
    /// </summary>
    public static FileStreamResult Create(Action<Stream> write, string contentType, string fileName)
    {
        var stream = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose);
        try
        {
            write(stream);
            stream.Position = 0;
            return new FileStreamResult(stream, contentType) { FileDownloadName = FileNames.Sanitize(fileName) };
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }
}
