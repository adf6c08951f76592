import { createHash } from "node:crypto";

/**
 * The Lua scripts that keep the shared state. Each runs atomically inside Redis, so that processes
 * asking at the same moment get distinct slots; each takes the time from Redis (`TIME`), never from
 * the asking machine, so that clock skew between machines cannot bunch requests.
 *
 * State: one hash at KEYS[1], all times in microseconds since the epoch, by Redis's clock:
 *   tat    the theoretical arrival time of GCRA: the earliest start of the next slot
 *   hold   until when every request is held (after a 429 somewhere)
 *   day    the UTC day number whose calls `count` counts
 *   count  slots granted on that day (the daily quota's counter)
 *   epoch  when this hash was created: a slot granted under another epoch belongs to a state that
 *          was lost (Redis restarted empty, or the key was deleted) and is not trusted
 *
 * Replies are arrays of integers (microseconds) and strings:
 *   {0, waitUs, slotUs, day, epoch}  granted: start `waitUs` after the script ran
 *   {1, holdLeftUs}                  refused: held longer than the caller accepts
 *   {2, untilNextDayUs}              refused: the daily quota of this UTC day is spent
 */

const prologue = `
local key = KEYS[1]
local DAY = 86400000000
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local s = redis.call('HMGET', key, 'tat', 'hold', 'day', 'count', 'epoch')
local tat = tonumber(s[1]) or 0
local hold = tonumber(s[2]) or 0
local day = tonumber(s[3]) or -1
local count = tonumber(s[4]) or 0
local epoch = s[5]
if not epoch then epoch = string.format('%.0f', now) end

local function fmt(x) return string.format('%.0f', x) end

local function save()
  redis.call('HSET', key, 'tat', fmt(tat), 'hold', fmt(hold), 'day', fmt(day), 'count', fmt(count), 'epoch', epoch)
  -- Kept until the day after the counted one, and past any slot or hold: then it expires by itself.
  local keep = math.max((day + 2) * DAY, tat, hold)
  redis.call('PEXPIREAT', key, fmt(math.ceil(keep / 1000) + 60000))
end

-- GCRA without burst: the next slot is the latest of now, the end of the last slot's interval, and
-- the end of the hold; the daily quota is counted on the UTC day of the slot.
local function grant(interval, maxWait, quota)
  if hold - now > maxWait then return {1, hold - now} end
  local start = math.max(now, tat, hold)
  local slotDay = math.floor(start / DAY)
  if slotDay > day then
    day = slotDay
    count = 0
  end
  if quota > 0 and count >= quota then return {2, (day + 1) * DAY - now} end
  count = count + 1
  tat = start + interval
  return {0, start - now, start, day, epoch}
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

/** ARGV: intervalUs, maxWaitUs, dailyQuota (0: none), holdUs (a hold this process could not record yet; 0: none). */
const grantScript = `${prologue}
local extra = tonumber(ARGV[4])
if extra > 0 and now + extra > hold then hold = now + extra end
local r = grant(tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]))
save()
return r
`;

/**
 * Run when a request wakes for its slot. ARGV: slotUs, slotDay, slotEpoch, intervalUs, maxWaitUs,
 * dailyQuota, lateToleranceUs. The slot stands when it belongs to the current state, no hold has
 * covered it since it was granted, and the request is not later than the tolerance; then the reply
 * is {0, 0, …} (go now), or {0, wait, …} if it woke early. Otherwise the slot is given back and a new
 * one booked (a reply like the grant's).
 */
const confirmScript = `${prologue}
local slot = tonumber(ARGV[1])
local slotDay = tonumber(ARGV[2])
local slotEpoch = ARGV[3]
if slotEpoch == epoch and hold <= slot then
  if now < slot then return {0, slot - now, slot, slotDay, slotEpoch} end
  if now - slot <= tonumber(ARGV[7]) then return {0, 0, slot, slotDay, slotEpoch} end
end
refund(slotDay, slotEpoch)
local r = grant(tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6]))
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

/** No ARGV. Replies {nowUs, tatUs, holdUs, day, count}, creating nothing. */
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
