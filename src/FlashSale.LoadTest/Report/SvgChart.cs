using System.Globalization;
using System.Net;
using System.Text;

namespace FlashSale.LoadTest.Report;

public sealed record ChartSeries(string Name, string Colour, IReadOnlyList<(double X, double Y)> Points);

/// <summary>A small line chart as inline SVG: axes with the top value, one polyline and one circle per point per
/// series (a circle's title gives its value), a legend. No script, nothing fetched.</summary>
public static class SvgChart
{
    private const int Width = 860, Height = 260, Left = 70, Right = 20, Top = 20, Bottom = 40;

    public static string Render(string id, string title, string xLabel, string yLabel, IReadOnlyList<ChartSeries> series)
    {
        var all = series.SelectMany(s => s.Points).ToList();
        var maxX = Math.Max(1, all.Count == 0 ? 1 : all.Max(p => p.X));
        var maxY = Math.Max(1, all.Count == 0 ? 1 : all.Max(p => p.Y)) * 1.1;
        double Px(double x) => Left + x / maxX * (Width - Left - Right);
        double Py(double y) => Height - Bottom - y / maxY * (Height - Top - Bottom);
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg id=\"{id}\" class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" role=\"img\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title>{Encode(title)}</title>");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Height - Bottom}\" x2=\"{Width - Right}\" y2=\"{Height - Bottom}\" stroke=\"#888\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Top}\" x2=\"{Left}\" y2=\"{Height - Bottom}\" stroke=\"#888\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{Top + 4}\" text-anchor=\"end\" font-size=\"11\">{maxY:0}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{Height - Bottom}\" text-anchor=\"end\" font-size=\"11\">0</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width - Right}\" y=\"{Height - Bottom + 16}\" text-anchor=\"end\" font-size=\"11\">{maxX:0} {Encode(xLabel)}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"14\" y=\"{Top + 100}\" font-size=\"11\" transform=\"rotate(-90 14 {Top + 100})\">{Encode(yLabel)}</text>");
        for (var s = 0; s < series.Count; s++)
        {
            var (name, colour, points) = (series[s].Name, series[s].Colour, series[s].Points);
            var line = string.Join(' ', points.Select(p => string.Create(CultureInfo.InvariantCulture, $"{Px(p.X):0.#},{Py(p.Y):0.#}")));
            svg.Append(CultureInfo.InvariantCulture, $"<polyline class=\"series\" data-series=\"{Encode(name)}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\" points=\"{line}\"/>");
            foreach (var p in points)
                svg.Append(CultureInfo.InvariantCulture,
                    $"<circle class=\"point\" data-series=\"{Encode(name)}\" cx=\"{Px(p.X):0.#}\" cy=\"{Py(p.Y):0.#}\" r=\"3\" fill=\"{colour}\"><title>{Encode(name)} at {p.X:0} s: {p.Y:0.##}</title></circle>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{Left + 10 + s * 170}\" y=\"{Height - 14}\" width=\"12\" height=\"4\" fill=\"{colour}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left + 26 + s * 170}\" y=\"{Height - 9}\" font-size=\"11\">{Encode(name)}</text>");
        }
        return svg.Append("</svg>").ToString();
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
