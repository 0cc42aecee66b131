#!/usr/bin/env node
// The `looplab` command. It runs the TypeScript sources as they are, through tsx, so it works
// on a fresh clone right after `npm install`, with no build step.
import { register } from "tsx/esm/api";

register();
await import("../src/cli/main.ts");
