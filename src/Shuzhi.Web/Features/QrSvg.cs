using System.Globalization;
using System.Text;
using QRCoder;

namespace Shuzhi.Web.Features;

/// <summary>
/// A QR code as one inline SVG path (dark modules), with a white background and the quiet zone: presentation attributes
/// only, no style attribute, so the page's CSP (no inline styles) holds. Scales to whatever size the CSS gives it.
/// </summary>
public static class QrSvg
{
    public static string Render(string text, string label)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var matrix = data.ModuleMatrix;
        var n = matrix.Count;
        var path = new StringBuilder();
        for (var y = 0; y < n; y++)
            for (var x = 0; x < n; x++)
                if (matrix[y][x]) path.Append(CultureInfo.InvariantCulture, $"M{x} {y}h1v1h-1z");
        var size = n.ToString(CultureInfo.InvariantCulture);
        return $"<svg class=\"qr\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"{System.Net.WebUtility.HtmlEncode(label)}\">" +
               $"<rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/><path d=\"{path}\" fill=\"#000\"/></svg>";
    }
}
