-- wrk: refresh-token grants with rotation. Each refresh token works once, so every
-- thread starts from its share of the tokens in TOKENS (a file, one per line) and
-- sends each response's new refresh token in a later request. Needs at least as many
-- tokens as connections. BASIC is the client's HTTP Basic credential.
local basic = os.getenv("BASIC")

local nthreads = tonumber(os.getenv("THREADS") or "2")
local dealt = 0

function setup(thread)
  -- Runs once per thread in the main Lua state: thread k gets every nthreads-th token.
  dealt = dealt + 1
  local mine, i = {}, 0
  for line in io.lines(os.getenv("TOKENS")) do
    if line ~= "" then
      if i % nthreads == dealt - 1 then table.insert(mine, line) end
      i = i + 1
    end
  end
  thread:set("tokens", table.concat(mine, "\n"))
end

local queue, head, tail = {}, 1, 0

function init(args)
  for t in string.gmatch(tokens or "", "[^\n]+") do tail = tail + 1; queue[tail] = t end
end

function request()
  local t = "exhausted" -- too few tokens: answered 400, counted as a non-2xx response
  if head <= tail then
    t, queue[head], head = queue[head], nil, head + 1
  end
  return wrk.format("POST", nil, {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Authorization"] = "Basic " .. basic,
  }, "grant_type=refresh_token&refresh_token=" .. t)
end

function response(status, headers, body)
  local t = string.match(body, '"refresh_token"%s*:%s*"([^"]+)"')
  if t then tail = tail + 1; queue[tail] = t end
end
