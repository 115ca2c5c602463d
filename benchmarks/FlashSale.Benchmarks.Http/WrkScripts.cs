using System.Globalization;
using System.Text;

namespace FlashSale.Benchmarks.Http;

/// <summary>
/// wrk's Lua scripts: every script ends with <c>done</c> printing one <c>WRK {...}</c> line of its figures. The order
/// script sends <c>POST /api/orders</c> with an order id never sent before (run id, thread, counter), users from a pool
/// and the item drawn from the given weights (one item: the hot item; k-th item 1/k^s: Zipf).
/// </summary>
public static class WrkScripts
{
    private const string Done = """
        function done(summary, latency, requests)
          local e = summary.errors
          io.write(string.format('WRK {"requests":%d,"durationUs":%d,"status":%d,"connect":%d,"read":%d,"write":%d,"timeout":%d,"p50Us":%d,"p90Us":%d,"p99Us":%d,"maxUs":%d}\n',
            summary.requests, summary.duration, e.status, e.connect, e.read, e.write, e.timeout,
            latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
        end
        """;

    public static string Get() => Done;

    public static string Orders(IReadOnlyList<string> itemIds, double zipfS, int users)
    {
        var cumulative = new double[itemIds.Count];
        var sum = 0.0;
        for (var k = 0; k < itemIds.Count; k++) cumulative[k] = sum += 1 / Math.Pow(k + 1, zipfS);
        var script = new StringBuilder();
        script.AppendLine(CultureInfo.InvariantCulture, $"local items = {{{string.Join(",", itemIds.Select(id => $"\"{id}\""))}}}");
        script.AppendLine(CultureInfo.InvariantCulture,
            $"local cdf = {{{string.Join(",", cumulative.Select(c => (c / sum).ToString("R", CultureInfo.InvariantCulture)))}}}");
        script.AppendLine(CultureInfo.InvariantCulture, $"local users = {users}");
        script.Append("""
            local threads = 0
            function setup(thread)
              threads = threads + 1
              thread:set("tid", threads)
            end
            local run = "run"
            local counter = 0
            local head, orderPrefix, userPrefix
            function init(args)
              run = args[1] or run
              math.randomseed(tid * 7919 + os.time())
              -- What does not change between requests is built once per thread: wrk.format per request cost the
              -- driver, on the same cores as the API, a large share of what it measures.
              local formatted = wrk.format("POST", "/api/orders", { ["Content-Type"] = "application/json" })
              head = formatted:sub(1, #formatted - 2) .. "Content-Length: "
              orderPrefix = '{"orderId":"' .. run .. '-' .. tid .. '-'
              userPrefix = '","userId":"' .. run .. '-u'
            end
            local function pick()
              if #items == 1 then return items[1] end
              local r, lo, hi = math.random(), 1, #cdf
              while lo < hi do
                local mid = math.floor((lo + hi) / 2)
                if cdf[mid] < r then lo = mid + 1 else hi = mid end
              end
              return items[lo]
            end
            function request()
              counter = counter + 1
              local body = orderPrefix .. counter .. '","itemId":"' .. pick() .. userPrefix .. ((counter * 7 + tid) % users) .. '","quantity":1}'
              return head .. #body .. "\r\n\r\n" .. body
            end

            """);
        return script.Append(Done).ToString();
    }
}
