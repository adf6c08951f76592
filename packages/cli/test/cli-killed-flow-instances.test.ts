// `gong-flows unassign --flow-instances` killed with SIGKILL mid-run, then resumed by the same command.
import { describeKilledRunResumes } from "./support/killed-run-cli.js";

describeKilledRunResumes("flow-instances");
