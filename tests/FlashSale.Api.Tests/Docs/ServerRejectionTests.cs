using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using FlashSale.Api.Tests.Fixtures;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace FlashSale.Api.Tests.Docs;

/// <summary>
/// Requests Kestrel itself refuses, sent over raw TCP to a real Kestrel. What fails while the application reads the
/// body (bad chunking, over <c>MaxRequestBodySize</c>) is a problem with a code like any other error; what Kestrel
/// refuses before the application runs (request line, URI length, header size) is its own status with an empty body.
/// </summary>
public sealed class ServerRejectionTests : IDisposable
{
    private const int MaxBodyBytes = 1024;
    private readonly FlashSaleApiFactory _api = new(new Dictionary<string, string?> { ["urls"] = "http://127.0.0.1:0" });
    private readonly Uri _address;

    public ServerRejectionTests()
    {
        _api.UseKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = MaxBodyBytes);
        _api.StartServer();
        _address = new Uri(_api.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    [Fact]
    public async Task a_malformed_chunked_body_is_a_400_bad_request_problem()
    {
        var answer = await SendAsync(
            "POST /api/items HTTP/1.1\r\nHost: x\r\nX-Api-Key: " + FlashSaleApiFactory.OperatorKey + "\r\n" +
            "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nZZ\r\n{}\r\n0\r\n\r\n");

        answer.Status.ShouldBe(400, answer.ToString());
        answer.Problem().ShouldBe(("application/problem+json", "bad_request"));
    }

    [Fact]
    public async Task a_body_over_the_servers_limit_is_a_413_body_too_large_problem()
    {
        var body = JsonSerializer.Serialize(new { orderId = "o-1", itemId = "i-1", userId = new string('u', MaxBodyBytes), quantity = 1 });

        var answer = await SendAsync(
            $"POST /api/orders HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\n" +
            $"Connection: close\r\n\r\n{body}");

        answer.Status.ShouldBe(413, answer.ToString());
        answer.Problem().ShouldBe(("application/problem+json", "body_too_large"));
    }

    [Theory]
    [InlineData("GARBAGE\r\n\r\n", 400)]
    [InlineData("GET /health HTTP/1.1\r\nHost: x\r\nBad Header Name: 1\r\n\r\n", 400)]
    [InlineData("GET /{long} HTTP/1.1\r\nHost: x\r\n\r\n", 414)]
    [InlineData("GET /health HTTP/1.1\r\nHost: x\r\nX-Big: {huge}\r\n\r\n", 431)]
    public async Task what_kestrel_refuses_before_the_application_runs_is_its_status_with_an_empty_body(string request, int status)
    {
        var answer = await SendAsync(request.Replace("{long}", new string('a', 9 * 1024), StringComparison.Ordinal)
            .Replace("{huge}", new string('b', 40 * 1024), StringComparison.Ordinal));

        answer.Status.ShouldBe(status, answer.ToString());
        answer.Body.ShouldBeEmpty();
        answer.Headers.ShouldContain("Connection: close", Case.Insensitive);
    }

    [Fact]
    public async Task head_of_the_index_answers_200_without_a_body()
    {
        var answer = await SendAsync("HEAD / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

        answer.Status.ShouldBe(200, answer.ToString());
        answer.Body.ShouldBeEmpty();
    }

    private async Task<RawAnswer> SendAsync(string request)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(_address.Host, _address.Port, timeout.Token);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request), timeout.Token);
        var received = new MemoryStream();
        try
        {
            await stream.CopyToAsync(received, timeout.Token);
        }
        catch (IOException)
        {
            // Kestrel may reset the connection right after its answer to a request it refused.
        }
        return RawAnswer.Parse(Encoding.UTF8.GetString(received.ToArray()));
    }

    public void Dispose() => _api.Dispose();

    private sealed record RawAnswer(int Status, string Headers, string Body)
    {
        public static RawAnswer Parse(string text)
        {
            var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            split.ShouldBeGreaterThan(0, $"no HTTP answer: '{text}'");
            var headers = text[..split];
            var body = text[(split + 4)..];
            if (headers.Contains("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase)) body = Unchunk(body);
            return new RawAnswer(int.Parse(headers.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture), headers, body);
        }

        private static string Unchunk(string chunked)
        {
            var body = new StringBuilder();
            for (var at = 0; ;)
            {
                var line = chunked.IndexOf("\r\n", at, StringComparison.Ordinal);
                var size = Convert.ToInt32(chunked[at..line], 16);
                if (size == 0) return body.ToString();
                body.Append(chunked, line + 2, size);
                at = line + 2 + size + 2;
            }
        }

        public (string? MediaType, string? Code) Problem()
        {
            var type = Headers.Split("\r\n").FirstOrDefault(h => h.StartsWith("Content-Type:", StringComparison.OrdinalIgnoreCase))?[13..].Trim();
            using var json = JsonDocument.Parse(Body);
            return (type?.Split(';')[0], json.RootElement.GetProperty("code").GetString());
        }

        public override string ToString() => $"{Headers}\n\n{Body}";
    }
}
