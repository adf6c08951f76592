import type { MachineInfo } from "../src/results.js";

/** The machine a fixture result was "measured" on. */
export const machine: MachineInfo = {
  cpu: "CPU",
  cores: 2,
  memoryGiB: 24,
  os: "Linux",
  node: "v20.20.2",
  date: "2026-12-07T05:00:00.000Z",
  commit: "abc",
};

/** A figure measured once: median, min and max all `value`. */
export const one = (value: number) => ({ median: value, min: value, max: value, n: 1 });
