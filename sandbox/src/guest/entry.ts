// The guest bundle's entry: evaluated once in each pre-created QuickJS context, before any
// snippet. It takes the host functions the worker defined, and exposes the calls the worker
// makes; the worker then removes both globals, so a snippet sees neither.

import "./dispose-symbols.js";
import { GuestProgram } from "./guest-program.js";
import { GUEST_GLOBAL, type GuestHost, type GuestRunConfig, HOST_GLOBAL } from "./guest-protocol.js";
import { GuestSession } from "./guest-session.js";

const global = globalThis as unknown as Record<string, unknown>;
const host = global[HOST_GLOBAL] as GuestHost;

let program: GuestProgram | null = null;
let session: GuestSession | null = null;

function current<T>(value: T | null, what: string): T {
  if (value === null) throw new Error(`no ${what} in this context`);
  return value;
}

global[GUEST_GLOBAL] = {
  /** Returns the scope names the compiled snippet is wrapped with, joined by commas. */
  startProgram(config: string): string {
    program = new GuestProgram(host, JSON.parse(config) as GuestRunConfig, global);
    return program.scopeNames.join(",");
  },
  runProgram(snippet: (...scope: unknown[]) => unknown): void {
    current(program, "program").execute(snippet);
  },
  endProgram(): string {
    return current(program, "program").end();
  },
  openSession(config: string): string {
    session = new GuestSession(host, JSON.parse(config) as GuestRunConfig, global);
    return session.scopeNames.join(",");
  },
  evaluateInput(inputId: number, compiled: (...scope: unknown[]) => unknown): void {
    current(session, "session").evaluate(inputId, compiled);
  },
  tick(): number {
    return current(session, "session").tick();
  },
  cancelTask(taskId: number): boolean {
    return current(session, "session").cancel(taskId);
  },
  endSession(): string {
    return current(session, "session").end();
  },
  /** Records waiting in the current run's batch, as JSON, or "". */
  drain(): string {
    return (program ?? session)?.drain() ?? "";
  },
};
