import { createHash } from "node:crypto";

/**
 * The Lua scripts that keep the shared state. Each runs atomically inside Redis, so that processes
 * asking at the same moment get distinct slots; each takes the time from Redis (`TIME`), never from
 * the asking machine, so that clock skew between machines cannot bunch requests.
 *
 * The rule they keep. With `interval` between slots, a one-second window holds at most
 * n = floor(1 s / interval) + 1 requests, and the slot n places after a slot starts `margin` =
 * n × interval − 1 s after that slot's window ends: a request may leave up to `margin` after its slot
 * (the departure slack). So every slot is booked
 *
 *   - no earlier than the even GCRA schedule (`tat`: one interval after the previous slot's place in
 *     it), nor than the end of a hold, nor than now;
 *   - no earlier than one second after the latest moment the request n bookings back may leave
 *     (`log`: for each recent booking, its slot and the latest time it may leave — its slot plus the
 *     margin, or later when it woke late, see the confirm script; `extra` later still for a request
 *     that may open a new connection, which can take that much longer to reach the server);
 *   - no sooner than half an interval after the previous slot, so that catching up after a late
 *     request is never a burst.
 *
 * When every request leaves on time the first rule decides and the spacing is exactly even. A late
 * request pushes back only the one booking n places after it (its window must stay free) — by the
 * second rule when that booking is made later, by a `floor` on it when it is already made and its
 * request has not left — instead of every slot after it: the throughput stays at the limit on a
 * machine that sometimes stalls, and no window ever holds more than n.
 *
 * State: one hash at KEYS[1]; times in microseconds since the epoch by Redis's clock:
 *   tat    the even schedule's next place      hold   until when every request is held (after a 429)
 *   last   the latest slot booked              seq    how many slots this state has booked
 *   log    recent bookings, oldest first: "slot,bound,left" (left: 1 once its request was let go)
 *   width  the largest n any caller has used (the log keeps at least that many bookings)
 *   floors "seq:time" pairs: a booking that may not leave before that time (pushed by a late one)
 *   day    the UTC day whose calls `count` counts; count: slots granted that day (the daily quota)
 *   epoch  when this hash was created: a slot of another epoch belongs to a state that was lost
 *          (Redis restarted empty, or the key was deleted) and is not trusted
 *
 * Replies are arrays of integers (microseconds) and strings:
 *   {0, waitUs, slotUs, day, epoch, seq}  granted: start `waitUs` after the script ran
 *   {1, holdLeftUs}                       refused: held longer than the caller accepts
 *   {2, untilNextDayUs}                   refused: the daily quota of this UTC day is spent
 */

const prologue = `
local key = KEYS[1]
local DAY = 86400000000
local WINDOW = 1000000
local MAXLOG = 1000
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local s = redis.call('HMGET', key, 'tat', 'hold', 'last', 'seq', 'log', 'width', 'floors', 'day', 'count', 'epoch')
local tat = tonumber(s[1]) or 0
local hold = tonumber(s[2]) or 0
local last = tonumber(s[3]) or 0
local seq = tonumber(s[4]) or 0
local slots, bounds, left = {}, {}, {}
if s[5] then
  for a, b, c in string.gmatch(s[5], '(%d+),(%d+),(%d)') do
    slots[#slots + 1] = tonumber(a)
    bounds[#bounds + 1] = tonumber(b)
    left[#left + 1] = c == '1'
  end
end
local width = tonumber(s[6]) or 0
local floors = {}
if s[7] then
  for a, b in string.gmatch(s[7], '(%d+):(%d+)') do floors[tonumber(a)] = tonumber(b) end
end
local day = tonumber(s[8]) or -1
local count = tonumber(s[9]) or 0
local epoch = s[10]
if not epoch then epoch = string.format('%.0f', now) end

local function fmt(x) return string.format('%.0f', x) end

local function save()
  local parts = {}
  for i = 1, #slots do parts[i] = fmt(slots[i]) .. ',' .. fmt(bounds[i]) .. ',' .. (left[i] and '1' or '0') end
  local kept = {}
  local oldest = seq - #slots
  for k, v in pairs(floors) do
    if k > oldest then kept[#kept + 1] = fmt(k) .. ':' .. fmt(v) end
  end
  redis.call('HSET', key, 'tat', fmt(tat), 'hold', fmt(hold), 'last', fmt(last), 'seq', fmt(seq),
    'log', table.concat(parts, ' '), 'width', fmt(width), 'floors', table.concat(kept, ' '),
    'day', fmt(day), 'count', fmt(count), 'epoch', epoch)
  -- Kept until the day after the counted one, and past any slot or hold: then it expires by itself.
  local keep = math.max((day + 2) * DAY, tat, hold, last)
  redis.call('PEXPIREAT', key, fmt(math.ceil(keep / 1000) + 60000))
end

-- n and margin of an interval (see above); a zero interval (spacing off) has no window to keep.
local function window(interval)
  if interval <= 0 then return 0, 0 end
  local n = math.floor(WINDOW / interval) + 1
  return n, n * interval - WINDOW
end

-- Books the next slot, or refuses: held too long, or the daily quota of the slot's UTC day spent.
-- A slot due now is booked as let go (its caller goes without confirming). extra: how much later
-- than the margin this request may reach the server (one that may open a new connection).
local function grant(interval, maxWait, quota, budget, extra)
  if hold - now > maxWait then return {1, hold - now} end
  local place = math.max(now, tat, hold)
  local start = place
  local n, margin = window(interval)
  if n > 0 then
    if #bounds >= n then start = math.max(start, bounds[#bounds - n + 1] + WINDOW) end
    if seq > 0 then start = math.max(start, last + interval / 2) end
  else
    margin = budget
  end
  local slotDay = math.floor(start / DAY)
  if slotDay > day then
    day = slotDay
    count = 0
  end
  if quota > 0 and count >= quota then return {2, (day + 1) * DAY - now} end
  count = count + 1
  seq = seq + 1
  tat = place + interval
  last = start
  slots[#slots + 1] = start
  bounds[#bounds + 1] = start + margin + extra
  left[#left + 1] = start <= now
  -- Kept: the last \`width\` bookings (the n-back rule) and any whose request has not been let go (a
  -- late one's lookup). Dropped: a booking whose bound is a window past (no rule needs it any more).
  if n > width then width = n end
  while #slots > MAXLOG or (#slots > 0 and bounds[1] + WINDOW <= now) or (#slots > width and left[1]) do
    table.remove(slots, 1)
    table.remove(bounds, 1)
    table.remove(left, 1)
  end
  return {0, start - now, start, day, epoch, seq}
end

-- Gives back the count of a slot that will not be used (its request was abandoned or re-booked).
local function refund(slotDay, slotEpoch)
  if slotEpoch == epoch and slotDay == day and count > 0 then
    count = count - 1
    return true
  end
  return false
end
`;

/**
 * ARGV: intervalUs, maxWaitUs, dailyQuota (0: none), holdUs (a hold this process could not record
 * yet; 0: none), budgetUs (see the confirm script; the departure bound of a call without spacing),
 * extraUs (see grant).
 */
const grantScript = `${prologue}
local extra = tonumber(ARGV[4])
if extra > 0 and now + extra > hold then hold = now + extra end
local r = grant(tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[5]), tonumber(ARGV[6]))
save()
return r
`;

/**
 * Run when a request wakes for its slot. ARGV: slotUs, slotDay, slotEpoch, slotSeq, intervalUs,
 * maxWaitUs, dailyQuota, budgetUs, extraUs (see grant).
 *
 * `budgetUs` is the part of the margin kept for the way from Redis's "go" to the wire (the reply, the
 * caller's own work); the rest is how late a request may wake and keep the bound it was booked with.
 * A request that wakes later still goes, with its bound raised to now + budget (+ extra), when the booking n
 * places after it can still keep its window free: when that booking is not made yet (it will start a
 * second after the raised bound), or is made but its request has not been let go (it gets a floor: it
 * waits until a second after the raised bound). Only when that request has already been let go is the
 * late slot given back and a new one booked. A slot that a hold has covered since it was granted, or
 * one from a lost state (another epoch), is always given back and a new one booked.
 *
 * Replies {0, 0, …}: go now; {0, wait, …}: woke early (or before its floor), sleep on; otherwise
 * like the grant.
 */
const confirmScript = `${prologue}
local slot = tonumber(ARGV[1])
local slotDay = tonumber(ARGV[2])
local slotEpoch = ARGV[3]
local slotSeq = tonumber(ARGV[4])
local interval = tonumber(ARGV[5])
local budget = tonumber(ARGV[8])
local extra = tonumber(ARGV[9])
local i = #slots - (seq - slotSeq)
if slotEpoch == epoch and hold <= slot then
  local floor = floors[slotSeq]
  if floor and now < floor then return {0, floor - now, slot, slotDay, slotEpoch, slotSeq} end
  if now < slot then return {0, slot - now, slot, slotDay, slotEpoch, slotSeq} end
  local go = {0, 0, slot, slotDay, slotEpoch, slotSeq}
  local n, margin = window(interval)
  if i >= 1 and slots[i] == slot then
    local bound = now + budget + extra
    local ok = true
    if n > 0 and now - slot + budget > margin and bound > bounds[i] then
      local k = i + n
      if k <= #slots then
        if left[k] then
          ok = false
        elseif (floors[slotSeq + n] or 0) < bound + WINDOW then
          floors[slotSeq + n] = bound + WINDOW
        end
      end
      if ok then bounds[i] = bound end
    end
    if ok then
      left[i] = true
      floors[slotSeq] = nil
      save()
      return go
    end
  elseif n == 0 or now - slot + budget <= margin then
    -- Out of the log (booked long ago), yet on time: its bound was kept as booked.
    return go
  end
end
floors[slotSeq] = nil
refund(slotDay, slotEpoch)
local r = grant(interval, tonumber(ARGV[6]), tonumber(ARGV[7]), budget, extra)
save()
return r
`;

/** ARGV: slotDay, slotEpoch. Gives back the count of a slot whose request was abandoned. */
const releaseScript = `${prologue}
if refund(tonumber(ARGV[1]), ARGV[2]) then save() end
return 0
`;

/** ARGV: holdUs. Holds everyone until now + holdUs, unless a longer hold is in force. Replies the hold left. */
const holdScript = `${prologue}
local until_ = now + tonumber(ARGV[1])
if until_ > hold then
  hold = until_
  save()
end
return hold - now
`;

/** No ARGV. Replies {nowUs, nextPlaceUs, holdUs, day, count}, creating nothing. */
const stateScript = `${prologue}
return {now, tat, hold, day, count}
`;

/** A script and its SHA-1, the name Redis caches it under. */
export interface Script {
  readonly name: string;
  readonly lua: string;
  readonly sha: string;
}

function script(name: string, lua: string): Script {
  return { name, lua, sha: createHash("sha1").update(lua).digest("hex") };
}

export const scripts = {
  grant: script("grant", grantScript),
  confirm: script("confirm", confirmScript),
  release: script("release", releaseScript),
  hold: script("hold", holdScript),
  state: script("state", stateScript),
} as const;
