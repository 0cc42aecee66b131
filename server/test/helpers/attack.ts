// What the attack tests share: the server process's memory and pid, and requests that a client
// behind a trusting proxy sends (the proxy appends the address it saw to X-Forwarded-For).

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import type { ServerProcess } from "./server-process.js";

export function residentMegabytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]) / 1024;
}

/** The server survived: the same process, still running, still answering. */
export async function assertSameServer(server: ServerProcess, pid: number): Promise<void> {
  assert.equal(server.child.pid, pid);
  assert.equal(server.child.exitCode, null, `the server exited:\n${server.output().slice(-2000)}`);
  assert.equal(server.child.signalCode, null);
  assert.equal((await fetch(`${server.url}/healthz`)).status, 200);
}

export interface PostOptions {
  /** The client's address as a trusting proxy would append it to X-Forwarded-For. */
  from?: string;
  /** What the client itself wrote in X-Forwarded-For, before the proxy appended its address. */
  spoofed?: string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export function forwardedFor({ from, spoofed }: PostOptions): Record<string, string> {
  if (from === undefined) return {};
  return { "X-Forwarded-For": spoofed === undefined ? from : `${spoofed}, ${from}` };
}

export function postJson(url: string, body: unknown, options: PostOptions = {}): Promise<Response> {
  return fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...forwardedFor(options), ...options.headers },
    body: JSON.stringify(body),
    signal: options.signal,
  });
}

export async function waitFor(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
