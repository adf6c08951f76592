/**
 * A duration in words, as every gong-flows message words a wait: `450 ms`, `45 s`, `12 min 5 s`,
 * `5 h 3 min`. Rounded up, so that a wait is never said to be shorter than it is; 0 or less is `0 s`.
 */
export function formatDuration(ms: number): string {
  if (!(ms > 0)) return "0 s";
  if (ms < 1000) return `${Math.ceil(ms)} ms`;
  const seconds = Math.ceil(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return joinUnits(Math.floor(seconds / 60), "min", seconds % 60, "s");
  const minutes = Math.ceil(seconds / 60);
  return joinUnits(Math.floor(minutes / 60), "h", minutes % 60, "min");
}

function joinUnits(major: number, majorUnit: string, minor: number, minorUnit: string): string {
  return minor === 0 ? `${major} ${majorUnit}` : `${major} ${majorUnit} ${minor} ${minorUnit}`;
}
