// Check 5: @gong-flows/client keeps the contract. Every request it sends is recorded at the fetch
// layer and held to the spec; every documented answer must come back as the typed result or the
// matching typed error; invalid inputs must be refused before anything is sent.
import { clientGroup } from "../../src/checks/groups/client.js";
import { ctx } from "../support/contract-context.js";
import { defineGroupTests } from "../support/suite-driver.js";

defineGroupTests(clientGroup(ctx));
