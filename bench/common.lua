-- Shared part of the wrk scripts in this folder: each query script calls
-- graphql(name, query), which makes every request a GraphQL-over-HTTP POST
-- of {"query": QUERY}, checks every response and, when wrk is done, prints
-- one parseable line:
--
--   wrk-result name=entity requests=41234 duration_s=10.00 rps=4123.1
--     p50_ms=3.101 p90_ms=5.320 p99_ms=9.870 mean_ms=3.400 max_ms=21.500
--     non2xx=0 gql_errors=0 socket_errors=0 bytes=123456
--
-- (on one line). non2xx counts responses whose status is not 2xx;
-- gql_errors counts 2xx responses whose body has an "errors" entry or no
-- "data" entry; socket_errors adds wrk's connect, read, write and timeout
-- errors.

local threads = {}

local function json_string(s)
  local escapes = { ['"'] = '\\"', ['\\'] = '\\\\', ['\n'] = '\\n', ['\r'] = '\\r', ['\t'] = '\\t' }
  return '"' .. s:gsub('[%c"\\]', function(c)
    return escapes[c] or string.format('\\u%04x', c:byte())
  end) .. '"'
end

function graphql(name, query)
  bench_name = os.getenv("BENCH_NAME") or name
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Accept"] = "application/graphql-response+json, application/json;q=0.9"
  wrk.body = '{"query":' .. json_string(query) .. '}'
end

-- setup runs once per thread in the main Lua state: keep the threads so that
-- done can add up their counters.
function setup(thread)
  table.insert(threads, thread)
end

-- init runs in each thread's own Lua state.
function init(args)
  non2xx = 0
  gql_errors = 0
  first_bad = nil
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
    if first_bad == nil then first_bad = status .. " " .. body:sub(1, 300) end
  elseif body:find('"errors"', 1, true) or not body:find('"data"', 1, true) then
    gql_errors = gql_errors + 1
    if first_bad == nil then first_bad = status .. " " .. body:sub(1, 300) end
  end
end

function done(summary, latency, requests)
  local bad, gqlbad, sample = 0, 0, nil
  for _, t in ipairs(threads) do
    bad = bad + (t:get("non2xx") or 0)
    gqlbad = gqlbad + (t:get("gql_errors") or 0)
    sample = sample or t:get("first_bad")
  end
  local e = summary.errors
  local secs = summary.duration / 1e6
  local ms = function(us) return string.format("%.3f", us / 1000) end
  io.write(string.format(
    "wrk-result name=%s requests=%d duration_s=%.2f rps=%.1f p50_ms=%s p90_ms=%s p99_ms=%s mean_ms=%s max_ms=%s non2xx=%d gql_errors=%d socket_errors=%d bytes=%d\n",
    bench_name or "?", summary.requests, secs, summary.requests / secs,
    ms(latency:percentile(50)), ms(latency:percentile(90)), ms(latency:percentile(99)),
    ms(latency.mean), ms(latency.max),
    bad, gqlbad, e.connect + e.read + e.write + e.timeout, summary.bytes))
  if sample then
    io.write("wrk-bad-sample name=" .. (bench_name or "?") .. " " .. sample:gsub("\n", " ") .. "\n")
  end
end
