// `gong-flows unassign --prospects` killed with SIGKILL mid-run, then resumed by the same command.
import { describeKilledRunResumes } from "./support/killed-run-cli.js";

describeKilledRunResumes("prospects");
