-- wrk script: POST /api/check with an eligible applicant's facts and check every answer.
wrk.method = "POST"
wrk.path = "/api/check?program=MO-CPS"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"date_of_birth": "1990-05-01", "education": "ged", "lived_experience": true, ' ..
           '"background_check": "passed", "registry_check": "passed"}'

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  good = 0
  bad = 0
end

function response(status, headers, body)
  if status == 200 and body:find('"outcome": "eligible"', 1, true)
     and body:find('"program": "MO-CPS"', 1, true) then
    good = good + 1
  else
    bad = bad + 1
  end
end

function done(summary, latency, requests)
  local g, b = 0, 0
  for _, t in ipairs(threads) do
    g = g + t:get("good")
    b = b + t:get("bad")
  end
  local seconds = summary.duration / 1e6
  io.write(string.format("answers checked: %d correct, %d wrong\n", g, b))
  io.write(string.format("throughput: %.0f requests/s over %.2f s\n", (g + b) / seconds, seconds))
  io.write(string.format("latency: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000))
end
