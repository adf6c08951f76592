// The confirmation an assign job asks: it names the flow, the calls, the owner, and that the flow's first
// steps will run for the prospects, naming the first step when Gong lists the flow's steps.
import { describe, expect, it } from "vitest";
import { assignQuestion, firstStep } from "../src/cli/render-assign.js";
import type { AssignPlan } from "../src/run/assign-options.js";

const plan: AssignPlan = {
  flow: { id: "1695493301223590792", name: "SDR Flow" },
  flowInstanceOwnerEmail: "rep@example.com",
  prospects: 250,
  alreadyInFlow: 10,
  toSend: 240,
  callsMade: { listAssignedFlows: 3, assignProspects: 0, total: 3 },
  callsNeeded: { listAssignedFlows: 0, assignProspects: 3, total: 3 },
  requestsPerSecond: 3,
  estimatedSeconds: 1,
  shareOfGongDailyQuota: 0.0003,
  dailyBudget: 9_000,
  budgetUsedToday: 3,
};

describe("the assign confirmation", () => {
  it("names the flow's first step, in step order", () => {
    const step = firstStep({
      id: plan.flow.id,
      steps: [
        { stepOrder: 2, action: "CALL" },
        { stepOrder: 1, action: "SEND_EMAIL", subject: "Thanks for stopping by" },
      ],
    });
    expect(step).toBe('step 1: SEND_EMAIL "Thanks for stopping by"');
    expect(assignQuestion(plan, step)).toBe(
      'Assign 240 prospect(s) to flow "SDR Flow" (1695493301223590792) in 3 call(s)? Once assigned, the flow\'s first ' +
        'steps (step 1: SEND_EMAIL "Thanks for stopping by", …) will run for them, owned by rep@example.com.',
    );
  });

  it("says the first steps will run without naming one when Gong lists none", () => {
    expect(firstStep({ id: plan.flow.id, steps: [] })).toBeUndefined();
    expect(assignQuestion(plan, undefined)).toContain("the flow's first steps will run for them");
  });
});
