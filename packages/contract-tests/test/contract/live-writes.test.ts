// Writes against a live server, only with CONTRACT_ALLOW_WRITES=1, and only on the flow instances a
// list call of the configured prospects returned: the suite never unassigns anything it made up.
import { liveWritesGroup } from "../../src/checks/groups/live-writes.js";
import { ctx } from "../support/contract-context.js";
import { defineGroupTests } from "../support/suite-driver.js";

defineGroupTests(liveWritesGroup(ctx));
