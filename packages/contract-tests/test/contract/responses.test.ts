// Check 2: responses conform. On Prism every documented status of every operation is forced, from the
// spec's example and generated under fixed seeds; a live server is held to whatever it answers.
import { responsesGroup } from "../../src/checks/groups/responses.js";
import { ctx } from "../support/contract-context.js";
import { defineGroupTests } from "../support/suite-driver.js";

defineGroupTests(responsesGroup(ctx), { concurrent: true });
