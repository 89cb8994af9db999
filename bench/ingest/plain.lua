-- wrk script for the ceiling views: same headers, a small JSON body, status counts.
local threads = {}

function setup(thread) table.insert(threads, thread) end

function init(args)
  accepted, other = 0, 0
  wrk.method = args[1]
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["X-Forwarded-Proto"] = "https"
  if args[1] == "POST" then wrk.body = '{"trust":"1","went_well":["ease"]}' end
end

function response(status, headers, body)
  if status < 300 then accepted = accepted + 1 else other = other + 1 end
end

function done(summary, latency, requests)
  local a, o = 0, 0
  for _, t in ipairs(threads) do
    a = a + t:get("accepted")
    o = o + t:get("other")
  end
  io.write(string.format("GOVCX accepted=%d other=%d p50_ms=%.2f p99_ms=%.2f\n", a, o,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
