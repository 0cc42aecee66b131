// A program run inside QuickJS: the compiled snippet is called once with the runtime's scope,
// then the run finishes as the Node harness does (top-level timers, never-awaited warnings).

import type { GuestHost, GuestRunConfig } from "./guest-protocol.js";
import { GuestRun } from "./guest-run.js";

type CompiledSnippet = (...scope: unknown[]) => unknown;

export class GuestProgram {
  private readonly run: GuestRun;

  constructor(host: GuestHost, config: GuestRunConfig, global: Record<string, unknown>) {
    this.run = new GuestRun(host, config);
    this.run.publishGlobals(global);
  }

  get scopeNames(): string[] {
    return this.run.live.scopeNames;
  }

  execute(snippet: CompiledSnippet): void {
    const live = this.run.live;
    try {
      snippet(...live.scopeValues);
      live.finish();
    } catch (error) {
      this.run.recordError(error);
    }
    this.run.batcher.flush();
  }

  drain(): void {
    this.run.batcher.drain();
  }

  /** Sends what is left; called by the host after execute() or after an interrupt. */
  end(): string {
    return this.run.end();
  }
}
