// Check 3: negative data is rejected with a 4xx (401 for missing or wrong-scheme credentials), never
// a 2xx or a 5xx, and the refusal itself conforms. A case that breaks only one of the project's
// decisions is reported rather than failed against a live server, unless CONTRACT_STRICT=1.
import { negativeDataGroup } from "../../src/checks/groups/negative-data.js";
import { ctx } from "../support/contract-context.js";
import { defineGroupTests } from "../support/suite-driver.js";

// Concurrent: the cases are independent, and the run's client still paces them on a paced target.
defineGroupTests(negativeDataGroup(ctx), { concurrent: true });
