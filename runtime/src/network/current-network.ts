// The simulated network of the active run, with the demo web built in.

import { perRun } from "../per-run.js";
import { demoSiteNamed } from "./demo-web.js";
import { Network } from "./hosts.js";

export const currentNetwork = perRun((runtime) => new Network(runtime, demoSiteNamed));
