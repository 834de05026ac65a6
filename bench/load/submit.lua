-- wrk script for POST /api/v1/actions: a valid JSON action, each with its own title and email.
-- Arguments (after --): the action date (YYYY-MM-DD).
local counter = 0
local day = "2030-01-01"
local template = '{"title": "Load test vigil %d-%d", "date": "%s", "location": "San Diego, CA", ' ..
  '"target_type": "detention_center", "target": "Otay Mesa Detention Center", ' ..
  '"organizations": ["Load Test Coalition"], "contact_name": "Load Tester", ' ..
  '"contact_email": "load.%d.%d@example.org", "language": "en", "public": "yes", ' ..
  '"intro_region": "yes", "intro_target": "no"}'
local thread_id = 0
local next_id = 0

setup = function(thread)
  next_id = next_id + 1
  thread:set("thread_id", next_id)
end

init = function(args)
  if args[1] then day = args[1] end
end

request = function()
  counter = counter + 1
  local body = string.format(template, thread_id, counter, day, thread_id, counter)
  return wrk.format("POST", nil, {["Content-Type"] = "application/json"}, body)
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "p50_us": %d, "p99_us": %d, "max_us": %d, ' ..
    '"errors": %d, "non_2xx_3xx": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    latency.max, e.connect + e.read + e.write + e.timeout, e.status))
end
