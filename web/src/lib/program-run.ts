// A program run over the WebSocket: the run message, its events into a RunModel, and how it
// ended when the server or the connection cut it short.

import type { RunOptions, StoppedMessage } from "@looplab/server/protocol";
import { m } from "../paraglide/messages.js";
import type { ServerConnection } from "./connection.svelte.ts";
import { describeRefusal } from "./messages.ts";
import { RunModel } from "./run-model.svelte.ts";

export interface ProgramRun {
  model: RunModel;
  stop(): void;
}

const STOPPED: Record<StoppedMessage["reason"], () => string> = {
  client: m.stopped_client,
  "slow-reader": m.stopped_slow_reader,
  shutdown: m.stopped_shutdown,
};

export function startProgramRun(connection: ServerConnection, code: string, options: RunOptions = {}): ProgramRun {
  const model = new RunModel(options.clock ?? "virtual");
  const id = connection.newId("run");
  connection.start({ type: "run", id, code, options }, (message) => {
    switch (message.type) {
      case "event":
        model.add(message.event);
        if (message.event.type === "end") connection.forget(id);
        return;
      case "stopped":
        model.finish({ kind: "stopped", words: STOPPED[message.reason] });
        connection.forget(id);
        return;
      case "error":
        model.finish({ kind: "refused", words: () => describeRefusal(message) });
        connection.forget(id);
        return;
      case "lost":
        model.finish({ kind: "lost" });
        return;
      default:
        return;
    }
  });
  return {
    model,
    stop() {
      if (!model.ended) connection.send({ type: "stop", id });
    },
  };
}
