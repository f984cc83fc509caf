-- wrk's script for the benchmark (bench/throughput.py): counts responses by status and
-- prints one JSON line at the end, "BENCH_RESULT {...}", with the latency percentiles
-- (microseconds) that wrk's own summary leaves out.
--
-- WRK_HOSTS="127.0.0.1:8001,127.0.0.1:8002" spreads wrk's threads over several servers
-- in turn (run as many threads as servers, or a multiple), as a load balancer would.

local threads = {}
local targets = nil

function setup(thread)
  local hosts = os.getenv("WRK_HOSTS")
  if hosts and hosts ~= "" then
    if targets == nil then
      targets = {}
      for host, port in string.gmatch(hosts, "([^,:]+):(%d+)") do
        table.insert(targets, wrk.lookup(host, port)[1])
      end
    end
    thread.addr = targets[(#threads % #targets) + 1]
  end
  table.insert(threads, thread)
end

function init(args)
  statuses = {}
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local counts = {}
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("statuses")) do
      counts[status] = (counts[status] or 0) + n
    end
  end
  local parts = {}
  for status, n in pairs(counts) do
    table.insert(parts, string.format('"%d": %d', status, n))
  end
  local e = summary.errors
  io.write(string.format(
    'BENCH_RESULT {"duration_us": %d, "requests": %d, "bytes": %d, '
      .. '"socket_errors": %d, "timeouts": %d, "statuses": {%s}, '
      .. '"p50_us": %d, "p95_us": %d, "p99_us": %d, "max_us": %d}\n',
    summary.duration, summary.requests, summary.bytes,
    e.connect + e.read + e.write, e.timeout, table.concat(parts, ", "),
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max
  ))
end
