// Check 1: the spec itself. Everything else is held to it, so it is checked first and on every target.
import { specGroup } from "../../src/checks/groups/spec.js";
import { ctx } from "../support/contract-context.js";
import { defineGroupTests } from "../support/suite-driver.js";

defineGroupTests(specGroup(ctx));
