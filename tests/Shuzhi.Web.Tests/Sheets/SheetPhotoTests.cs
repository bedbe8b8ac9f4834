using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Shuzhi.Web.Data;
using Shuzhi.Web.Tests.Infrastructure;

namespace Shuzhi.Web.Tests.Sheets;

/// <summary>Photo evidence on a sheet: JPEG/PNG by content, metadata stripped, limits, seen with the sheet, removable while draft.</summary>
public abstract class SheetPhotoTests<TFactory>(TFactory f) where TFactory : ShuzhiFactory
{
    private TestData D => f.Data;

    [Fact]
    public async Task Photos_are_checked_by_content_stored_without_metadata_and_locked_with_the_sheet()
    {
        var (_, _, r) = await SheetTestKit.CampaignAsync(f, D.A.Town.Id, 2073, D.A.Village1.Id, D.A.Village2.Id);
        var url = $"/Sheets/Fill/DailyReview/{r[D.A.Village1.Id]}";
        var staff = await f.PagesAsync(D.A.TownStaffUser);

        // Before the first save there is nothing to attach to.
        var early = await staff.PostFileAsync($"{url}?handler=Photo", ImageEvidenceTests.Jpeg(), "现场.jpg", url);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, early.StatusCode);
        Assert.Contains("请先保存草稿", (await early.HtmlAsync()).QuerySelector("[data-error]")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync(url, new() { ["Mode"] = "direct", ["Direct"] = "90", ["Notes"] = "日常考评" })).StatusCode);

        // A JPEG with a script in its EXIF and comment: stored without them, under a name with the content's extension.
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFileAsync($"{url}?handler=Photo", ImageEvidenceTests.Jpeg(), "现场.jpeg.exe", url)).StatusCode);
        var photo = await f.WithDbAsync((db, _) => db.SheetPhotos.AsNoTracking().SingleAsync(p => p.FileName.StartsWith("现场")));
        Assert.DoesNotContain("script", Encoding.ASCII.GetString(photo.Content));
        Assert.Equal(("image/jpeg", 3, 2), (photo.ContentType, photo.Width, photo.Height));
        Assert.EndsWith(".jpg", photo.FileName);
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFileAsync($"{url}?handler=Photo", ImageEvidenceTests.Png(), "台账.png", url)).StatusCode);

        // A renamed non-image is refused in Chinese; so is a file over 8 MB.
        var renamed = await staff.PostFileAsync($"{url}?handler=Photo", Encoding.UTF8.GetBytes("<html><script>alert(1)</script></html>"), "照片.jpg", url);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, renamed.StatusCode);
        Assert.Contains("不是有效的 JPEG 或 PNG 图片", (await renamed.HtmlAsync()).QuerySelector("[data-error]")!.TextContent);
        var big = new byte[8 * 1024 * 1024 + 1];
        ImageEvidenceTests.Jpeg().CopyTo(big, 0);
        var tooBig = await staff.PostFileAsync($"{url}?handler=Photo", big, "大.jpg", url);
        Assert.Contains("照片不能超过 8 MB", (await tooBig.HtmlAsync()).QuerySelector("[data-error]")!.TextContent);

        // Shown as thumbnails and served to the same people as the sheet.
        var page = await staff.GetHtmlAsync(url);
        Assert.Equal(2, page.QuerySelectorAll("[data-photo] img").Length);
        var src = page.QuerySelector($"[data-photo='{photo.Id}'] img")!.GetAttribute("src")!;
        var served = await staff.GetAsync(src);
        Assert.Equal("image/jpeg", served.Content.Headers.ContentType!.MediaType);
        Assert.Equal(photo.Content, await served.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await (await f.PagesAsync(D.B.StaffUser)).GetAsync(src)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await f.PagesAsync(D.A.SecretaryUser)).GetAsync(src)).StatusCode);

        // The count limit.
        var sheetId = photo.SheetId;
        await f.WithDbAsync(async db =>
        {
            for (var i = 0; i < 8; i++)
                db.SheetPhotos.Add(new SheetPhoto { SheetId = sheetId, FileName = $"p{i}.png", ContentType = "image/png", Content = [1], Sha256 = "x", UploadedBy = "t", Width = 1, Height = 1 });
            await db.SaveChangesAsync();
        });
        var eleventh = await staff.PostFileAsync($"{url}?handler=Photo", ImageEvidenceTests.Png(), "多.png", url);
        Assert.Contains("最多上传 10 张照片", (await eleventh.HtmlAsync()).QuerySelector("[data-error]")!.TextContent);

        // Removed while draft (audited); after submitting neither added nor removed.
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync($"{url}?handler=RemovePhoto&photoId={photo.Id}", new())).StatusCode);
        Assert.False(await f.WithDbAsync((db, _) => db.SheetPhotos.AnyAsync(p => p.Id == photo.Id)));
        Assert.True(await f.WithDbAsync((db, _) => db.AuditEntries.AnyAsync(a => a.Action == "remove-photo" && a.EntityId == photo.Id.ToString())));
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync($"{url}?handler=Submit", new() { ["Mode"] = "direct", ["Direct"] = "90", ["Notes"] = "日常考评" })).StatusCode);
        var other = await f.WithDbAsync((db, _) => db.SheetPhotos.Where(p => p.SheetId == sheetId).Select(p => p.Id).FirstAsync());
        var lockedRemove = await staff.PostFormAsync($"{url}?handler=RemovePhoto&photoId={other}", new());
        Assert.Contains("评分表已提交并锁定", (await lockedRemove.HtmlAsync()).QuerySelector("[data-error]")!.TextContent);
        var lockedAdd = await staff.PostFileAsync($"{url}?handler=Photo", ImageEvidenceTests.Png(), "晚.png", url);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, lockedAdd.StatusCode);
        Assert.Equal(9, await f.WithDbAsync((db, _) => db.SheetPhotos.CountAsync(p => p.SheetId == sheetId)));
    }
}

public sealed class SheetPhotoTests_Sqlite(SqliteFactory f) : SheetPhotoTests<SqliteFactory>(f), IClassFixture<SqliteFactory>;
public sealed class SheetPhotoTests_Postgres(PostgresFactory f) : SheetPhotoTests<PostgresFactory>(f), IClassFixture<PostgresFactory>;
