-- wrk script: each connection waits `pause` ms after a response before its
-- next request, so N connections offer about N * 1000 / (pause + latency)
-- requests a second (Debian has wrk, not wrk2's fixed-rate mode).
-- wrk starts a request's latency clock after the pause, so the pause is not
-- counted as latency. wrk gives each thread connections/threads connections
-- (integer division): use a multiple of the thread count.
local pause = tonumber(os.getenv("PAUSE_MS") or "10")
function delay()
  return pause
end

function response(status, headers, body)
  if status ~= 200 then
    io.stderr:write("status " .. status .. "\n")
  end
end
