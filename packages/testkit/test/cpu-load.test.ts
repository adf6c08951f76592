import { readdirSync, readFileSync } from "node:fs";
import { getPriority } from "node:os";
import { describe, expect, it } from "vitest";
import {
  killProcessGroup,
  processGroupAlive,
  raiseGroupPriority,
  spawnInGroup,
  startCpuBurners,
} from "../src/index.js";

/** The command lines of the processes of a group, from /proc. */
function commandsOf(pgid: number): string[] {
  return readdirSync("/proc").flatMap((entry) => {
    if (!/^\d+$/.test(entry)) return [];
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      if (Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[2]) !== pgid) return [];
      return [readFileSync(`/proc/${entry}/cmdline`, "utf8").replaceAll("\0", " ")];
    } catch {
      return [];
    }
  });
}

describe("CPU burners", () => {
  it("run one spinning process per requested core and leave none behind when stopped", async () => {
    const burners = startCpuBurners(2);
    try {
      expect(burners.count).toBe(2);
      expect(burners.groups).toHaveLength(2);
      for (const group of burners.groups) {
        await expect
          .poll(() => commandsOf(group).some((command) => command.includes("for (;;) {}")), { timeout: 5_000 })
          .toBe(true);
      }
    } finally {
      await burners.stop();
    }
    for (const group of burners.groups) expect(processGroupAlive(group)).toBe(false);
  });
});

describe("raiseGroupPriority", () => {
  it("gives a process group nice −20 as root, and leaves it alone elsewhere, saying which", async () => {
    const child = spawnInGroup(process.execPath, ["-e", "setTimeout(() => {}, 10_000)"], {
      stdio: ["ignore", "ignore", "ignore"],
    });
    try {
      const pid = child.pid as number;
      const raised = await raiseGroupPriority(pid);
      const root = process.getuid?.() === 0;
      expect(raised).toBe(root);
      expect(getPriority(pid)).toBe(root ? -20 : 0);
    } finally {
      await killProcessGroup(child, 500);
    }
  });
});
