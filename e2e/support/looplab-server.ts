// Starts the real Looplab server (server/src/main.ts, serving the built web/dist) in its own
// process on a free port, with a throwaway SQLite file, and stops it.

import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const REPOSITORY = path.resolve(import.meta.dirname, "../..");

export interface LooplabServer {
  url: string;
  /** Everything the server printed, for failure messages. */
  log(): string;
  stop(): Promise<void>;
}

export async function startLooplab(environment: Record<string, string> = {}): Promise<LooplabServer> {
  const dataDirectory = mkdtempSync(path.join(tmpdir(), "looplab-e2e-"));
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "server/src/main.ts"], {
    cwd: REPOSITORY,
    env: {
      ...process.env,
      PORT: "0",
      HOST: "127.0.0.1",
      LOOPLAB_SQLITE_PATH: path.join(dataDirectory, "looplab.db"),
      LOOPLAB_WEB_DIST: path.join(REPOSITORY, "web", "dist"),
      // The gallery test alone runs every example: more than a person's budget per minute.
      LOOPLAB_RUN_RATE: "2000/60",
      LOOPLAB_SAVE_RATE: "200/60",
      LOOPLAB_CONNECTION_RATE: "200/60",
      ...environment,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start within 60 s:\n${output}`)), 60_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Looplab is serving on (http:\/\/\S+)/.exec(output);
      if (match === null) return;
      clearTimeout(timer);
      resolve(match[1]!);
    };
    child.stdout!.on("data", read);
    child.stderr!.on("data", read);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited with ${code} before listening:\n${output}`));
    });
  });
  return {
    url,
    log: () => output,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGTERM");
        await exited;
      }
      rmSync(dataDirectory, { recursive: true, force: true });
    },
  };
}
