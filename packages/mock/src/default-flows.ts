// The flows, folders, steps and CRM prospects of the default data set, derived from the spec's examples.
import type { components } from "@gong-flows/client";
import type { GongMockCrmProspect, GongMockFlow, GongMockFolder } from "./data-set.js";

type Schemas = components["schemas"];

const workspaceId = "623457276584334";
const owner = "test@test.com";

/**
 * The folders of the default data set: two of the company's (one with a child folder) and a personal
 * one of `test@test.com`. The first two are the spec's own examples.
 */
export const defaultFolders: readonly GongMockFolder[] = deepFreeze([
  {
    id: "1695493301223573465",
    name: "Outbound",
    visibility: "Company",
    creationDate: "2018-02-17T02:30:00-08:00",
    workspaceId,
  },
  {
    id: "1695493301223573466",
    name: "My drafts",
    visibility: "Personal",
    creationDate: "2019-05-02T10:00:00Z",
    ownerEmail: owner,
    workspaceId,
  },
  {
    id: "1695493301223573467",
    name: "Events",
    visibility: "Company",
    creationDate: "2020-09-01T08:00:00Z",
    workspaceId,
  },
  {
    id: "1695493301223573468",
    name: "Webinars",
    visibility: "Company",
    creationDate: "2021-03-15T12:30:00+01:00",
    parentId: "1695493301223573467",
    workspaceId,
  },
]);

/**
 * The flows of the default data set: the three of the default flow instances and two more, a personal
 * flow of `test@test.com` and a flow it shares with `sdr@example.com`. SDR Flow is the spec's example.
 */
export const defaultFlows: readonly GongMockFlow[] = deepFreeze([
  {
    id: "1695493301223590792",
    name: "SDR Flow",
    folderId: "1695493301223573465",
    folderName: "Outbound",
    visibility: "Company",
    creationDate: "2018-02-17T02:30:00-08:00",
    exclusive: true,
    description: "First touch with inbound leads.",
    workspaceId,
  },
  {
    id: "1695493301223590793",
    name: "Nurture Flow",
    folderId: "1695493301223573465",
    folderName: "Outbound",
    visibility: "Company",
    creationDate: "2019-06-03T09:00:00Z",
    exclusive: false,
    description: "A monthly touch for leads not ready to talk.",
    workspaceId,
  },
  {
    id: "1695493301223590794",
    name: "Event Follow-up",
    folderId: "1695493301223573467",
    folderName: "Events",
    visibility: "Company",
    creationDate: "2020-09-01T08:30:00Z",
    exclusive: false,
    description: "After a trade show: thank, then book a call.",
    workspaceId,
  },
  {
    id: "1695493301223590795",
    name: "Re-engagement",
    folderId: "1695493301223573466",
    folderName: "My drafts",
    visibility: "Personal",
    creationDate: "2023-11-20T16:45:00-05:00",
    exclusive: false,
    description: "Closed-lost deals, six months on.",
    ownerEmail: owner,
    workspaceId,
  },
  {
    id: "1695493301223002764",
    name: "Webinar Invite",
    folderId: "1695493301223573468",
    folderName: "Webinars",
    visibility: "Shared",
    creationDate: "2024-02-05T10:15:00+01:00",
    exclusive: false,
    description: "Invite the accounts of a territory to a webinar.",
    ownerEmail: owner,
    sharedWithEmails: ["sdr@example.com"],
    workspaceId,
  },
]);

const email = (
  id: string,
  stepOrder: number,
  action: "SEND_EMAIL" | "AUTO_SEND_EMAIL",
  subject: string,
  body: string,
  isReply = false,
) => ({ id, stepOrder, action, subject, body, isReply }) as const;
const task = (id: string, stepOrder: number, action: "CALL" | "LINKEDIN_CONNECT" | "LINKEDIN_MESSAGE" | "CUSTOM") =>
  ({ id, stepOrder, action }) as const;

/** The steps of each default flow; the first two of SDR Flow are the spec's example. */
export const defaultSteps: Readonly<Record<string, readonly Schemas["FlowStep"][]>> = deepFreeze({
  "1695493301223590792": [
    email(
      "1695493301223590800",
      1,
      "AUTO_SEND_EMAIL",
      "Following up on our conversation",
      "<div>Hello {{recipient.first_name}}</div>",
    ),
    task("1695493301223590801", 2, "CALL"),
    task("1695493301223590802", 3, "LINKEDIN_CONNECT"),
  ],
  "1695493301223590793": [
    email(
      "1695493301223590810",
      1,
      "SEND_EMAIL",
      "Ideas for {{account_name}}",
      "<div>Hi {{recipient.first_name}}, a thought for this month.</div>",
    ),
    task("1695493301223590811", 2, "CUSTOM"),
  ],
  "1695493301223590794": [
    email(
      "1695493301223590820",
      1,
      "AUTO_SEND_EMAIL",
      "Thanks for visiting our booth",
      "<div>Hello {{recipient.first_name}}</div>",
    ),
    email(
      "1695493301223590821",
      2,
      "AUTO_SEND_EMAIL",
      "Re: Thanks for visiting our booth",
      "<div>Any questions since?</div>",
      true,
    ),
    task("1695493301223590822", 3, "CALL"),
  ],
  "1695493301223590795": [task("1695493301223590830", 1, "LINKEDIN_MESSAGE")],
  "1695493301223002764": [
    email(
      "1695493301223002770",
      1,
      "AUTO_SEND_EMAIL",
      "You are invited: {{webinar_title}}",
      "<div>Hello {{recipient.first_name}}</div>",
    ),
  ],
});

/** Prospects the default CRM holds in no flow yet, to assign (the first is the spec's assign example). */
export const defaultCrmProspects: readonly GongMockCrmProspect[] = deepFreeze([
  {
    crmId: "a5V1Q00A120DP4CVAX",
    firstName: "Dana",
    lastName: "Whitfield",
    email: "dana.whitfield@example.com",
    companyName: "Northstar Logistics",
  },
  {
    crmId: "00Q5e00000GHIJKL",
    firstName: "Lee",
    lastName: "Okafor",
    email: "lee.okafor@example.com",
    jobTitle: "Head of Operations",
    accountCrmId: "0011Q00001xsgZkQAI",
  },
  {
    crmId: "0035e00000FgHiJ",
    firstName: "Priya",
    lastName: "Raman",
    email: "priya.raman@example.com",
    jobTitle: "VP Sales",
  },
]);

/** Freezes a value and everything in it: the default data is shared by every mock. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object") for (const inner of Object.values(value)) deepFreeze(inner);
  return Object.freeze(value);
}
