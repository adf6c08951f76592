// The context of the contract suite as `pnpm test` runs it: the target from the same variables the
// command-line runner reads (CONTRACT_TARGET, GONG_BASE_URL, CONTRACT_STRICT…), Prism from the global
// setup. Every contract test file shares it (one client, so one pace for the whole run).
import { inject } from "vitest";
import { createContext } from "../../src/run/context.js";
import { targetOf } from "../../src/run/run-suite.js";
import { resolveSettings } from "../../src/run/settings.js";
import { loadContractModel } from "../../src/spec/model.js";
import { model as defaultModel } from "./model.js";

const settings = resolveSettings({}, process.env);
const model = settings.specPath === undefined ? defaultModel : await loadContractModel(settings.specPath);

export const ctx = createContext(model, targetOf(settings, process.env, model, inject("prismUrl") ?? undefined));
