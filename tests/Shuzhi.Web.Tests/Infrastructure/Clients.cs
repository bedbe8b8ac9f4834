using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Shuzhi.Web.Tests.Infrastructure;

public static class Clients
{
    /// <summary>A client holding a bearer token for <paramref name="user"/>.</summary>
    public static async Task<HttpClient> ApiAsync(this ShuzhiFactory f, string user, string password = TestData.Password)
    {
        var client = f.NewClient();
        var token = await TokenAsync(client, user, password);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public static async Task<string> TokenAsync(HttpClient client, string user, string password, string? totp = null)
    {
        var res = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = user, password, totpCode = totp });
        Assert.True(res.StatusCode == HttpStatusCode.OK, $"token for {user}: {(int)res.StatusCode} {await res.Content.ReadAsStringAsync()}");
        return (await res.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    /// <summary>A browser-like client (cookies, anti-forgery) logged in through the login page.</summary>
    public static async Task<HttpClient> PagesAsync(this ShuzhiFactory f, string user, string password = TestData.Password)
    {
        var client = f.NewClient();
        var res = await client.PostFormAsync("/Account/Login", new() { ["Input.UserName"] = user, ["Input.Password"] = password });
        Assert.True(res.StatusCode == HttpStatusCode.Redirect, $"login {user}: {(int)res.StatusCode}");
        return client;
    }

    public static async Task<IHtmlDocument> HtmlAsync(this HttpResponseMessage res) =>
        new HtmlParser().ParseDocument(await res.Content.ReadAsStringAsync());

    public static async Task<IHtmlDocument> GetHtmlAsync(this HttpClient client, string url)
    {
        var res = await client.GetAsync(url);
        Assert.True(res.StatusCode == HttpStatusCode.OK, $"GET {url}: {(int)res.StatusCode}");
        return await res.HtmlAsync();
    }

    /// <summary>Posts a form the way a browser does: the anti-forgery token is taken from <paramref name="formPage"/> (default: the same URL).</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string url, Dictionary<string, string> fields, string? formPage = null)
    {
        var page = await client.GetAsync(formPage ?? url);
        var doc = await page.HtmlAsync();
        var token = doc.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new InvalidOperationException($"no anti-forgery token on {formPage ?? url} ({(int)page.StatusCode})");
        var content = new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token)));
        return await client.PostAsync(url, content);
    }

    public static async Task<HttpResponseMessage> PostFileAsync(this HttpClient client, string url, byte[] file, string fileName, string formPage)
    {
        var doc = await (await client.GetAsync(formPage)).HtmlAsync();
        var token = doc.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(file), "file", fileName },
        };
        return await client.PostAsync(url, content);
    }
}
