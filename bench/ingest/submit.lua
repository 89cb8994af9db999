-- wrk script: POST varied, valid A-11 submissions and count the status codes per thread.
local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
  table.insert(threads, thread)
end

function init(args)
  accepted, other = 0, 0
  survey, touchpoint, origin = args[1], args[2], args[3]
  math.randomseed(id * 7919)
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Origin"] = origin
  wrk.headers["X-Forwarded-Proto"] = "https"
end

local drivers = {"effectiveness", "ease", "efficiency", "transparency", "humanity", "employee"}

function request()
  local up = math.random() < 0.7
  local trust = up and "1" or "0"
  local key = up and "went_well" or "went_poorly"
  local body = string.format(
    '{"survey":"%s","touchpoint":%s,"language":"en","answers":{"trust":"%s","%s":["%s"],' ..
    '"comment":"Waited %d minutes; call me at 202-555-01%02d"}}',
    survey, touchpoint, trust, key, drivers[math.random(#drivers)], math.random(60),
    math.random(99))
  return wrk.format(nil, nil, nil, body)
end

function response(status, headers, body)
  if status == 201 then accepted = accepted + 1 else other = other + 1 end
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
