// The spec's model, read and built once per worker and shared by every test file that imports it
// (the run does not isolate files, so each worker evaluates this module once).
import { loadContractModel } from "../../src/spec/model.js";

export const model = await loadContractModel();
