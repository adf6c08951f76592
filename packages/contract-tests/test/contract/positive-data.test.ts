// Check 4: positive data is accepted. Valid bodies generated from each request schema (fast-check,
// fixed seed; a failure prints the seed and path to replay it) get a 2xx whose answer conforms.
import { positiveDataGroup } from "../../src/checks/groups/positive-data.js";
import { ctx } from "../support/contract-context.js";
import { defineGroupTests } from "../support/suite-driver.js";

defineGroupTests(positiveDataGroup(ctx));
