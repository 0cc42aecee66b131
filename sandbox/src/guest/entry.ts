// The guest bundle's entry: evaluated once in each pre-created QuickJS context, before any
// snippet. It takes the host functions the worker defined, and exposes the calls the worker
// makes (GuestApi); the worker then removes both globals, so a snippet sees neither, and the
// host functions live on only in this module's closure.

import "./dispose-symbols.js";
import { GuestProgram } from "./guest-program.js";
import { GUEST_GLOBAL, type GuestApi, type GuestHost, type GuestRunConfig, HOST_GLOBAL } from "./guest-protocol.js";
import { GuestSession } from "./guest-session.js";
import { RESUME_SITES, stackNow } from "./interrupt-probe.js";

type Compiled = (...scope: unknown[]) => unknown;

const global = globalThis as unknown as Record<string, unknown>;
const host = global[HOST_GLOBAL] as GuestHost;

let program: GuestProgram | null = null;
let session: GuestSession | null = null;

function current<T>(value: T | null, what: string): T {
  if (value === null) throw new Error(`no ${what} in this context`);
  return value;
}

const api: GuestApi<Compiled> = {
  startProgram(config) {
    program = new GuestProgram(host, JSON.parse(config) as GuestRunConfig, global);
    return program.scopeNames.join(",");
  },
  runProgram(snippet) {
    current(program, "program").execute(snippet);
    return undefined;
  },
  endProgram() {
    return current(program, "program").end();
  },
  openSession(config) {
    session = new GuestSession(host, JSON.parse(config) as GuestRunConfig, global);
    return session.scopeNames.join(",");
  },
  evaluateInput(inputId, compiled) {
    current(session, "session").evaluate(inputId, compiled);
    return undefined;
  },
  tick() {
    return current(session, "session").tick();
  },
  cancelTask(taskId) {
    return current(session, "session").cancel(taskId);
  },
  endSession() {
    return current(session, "session").end();
  },
  drain() {
    (program ?? session)?.drain();
    return undefined;
  },
  resumeSites() {
    return RESUME_SITES;
  },
  // Itself, not a call of it: the stack's second line is then the interrupted code's.
  interruptStack: stackNow,
  recoverInterrupt() {
    return current(session, "session").recoverInterrupt();
  },
};

global[GUEST_GLOBAL] = api;
