// A REPL session over the WebSocket, like `python -m asyncio`: inputs with top-level await,
// declarations that persist, tasks that keep running between inputs. The transcript keeps
// inputs and everything the session printed in the order it arrived; the session's task
// events also feed a RunModel, for the live task list and the timeline.

import type { ClosedMessage, RunEvent } from "@looplab/server/protocol";
import { m } from "../paraglide/messages.js";
import type { ServerConnection } from "./connection.svelte.ts";
import { describeRefusal } from "./messages.ts";
import { RunModel } from "./run-model.svelte.ts";

export type TranscriptEntry =
  | { kind: "input"; code: string }
  | { kind: "stdout" | "stderr"; text: string }
  | { kind: "result"; value: string }
  | { kind: "error"; text: string }
  | { kind: "info"; text: string };

export type SessionState = "opening" | "open" | "closed";

const CLOSED: Record<ClosedMessage["reason"], () => string> = {
  client: m.repl_closed_client,
  "slow-reader": m.repl_closed_slow_reader,
  shutdown: m.repl_closed_shutdown,
  ended: m.repl_ended,
};

export class ReplSession {
  state = $state<SessionState>("opening");
  /** The tag of the input being evaluated, while one is. */
  busy = $state<number | null>(null);
  transcript = $state.raw<TranscriptEntry[]>([]);
  readonly model = new RunModel("real");

  private readonly id: string;
  private nextInput = 1;

  constructor(private readonly connection: ServerConnection) {
    this.id = connection.newId("repl");
    connection.start({ type: "open", id: this.id }, (message) => {
      switch (message.type) {
        case "opened":
          this.state = "open";
          return;
        case "event":
          this.receive(message.event);
          return;
        case "evaluated":
          if (message.input === this.busy) this.busy = null;
          return;
        case "cancelled":
          if (!message.cancelled)
            this.append({ kind: "info", text: m.repl_task_already_finished({ name: this.taskName(message.taskId) }) });
          return;
        case "closed":
          this.close(message.reason === "ended" ? this.endedText() : CLOSED[message.reason]());
          connection.forget(this.id);
          return;
        case "error":
          this.append({ kind: "error", text: describeRefusal(message) });
          if (this.state === "opening") this.close(m.repl_open_failed());
          this.busy = null;
          return;
        case "lost":
          this.close(m.repl_connection_lost());
          return;
        default:
          return;
      }
    });
  }

  evaluate(code: string): void {
    if (this.state === "closed" || this.busy !== null) return;
    const input = this.nextInput++;
    this.busy = input;
    this.append({ kind: "input", code });
    this.connection.send({ type: "eval", id: this.id, code, input });
  }

  cancel(taskId: number): void {
    if (this.state !== "closed") this.connection.send({ type: "cancel", id: this.id, taskId });
  }

  dispose(): void {
    if (this.state === "closed") return;
    this.connection.send({ type: "close", id: this.id });
    this.connection.forget(this.id);
    this.state = "closed";
  }

  private receive(event: RunEvent): void {
    this.model.add(event);
    switch (event.type) {
      case "output":
        this.appendOutput(event.stream, event.text);
        return;
      case "result":
        this.append({ kind: "result", value: event.value });
        return;
      case "error":
        this.append({ kind: "error", text: event.traceback });
        return;
      case "compile-error":
        for (const diagnostic of event.diagnostics) {
          this.append({
            kind: "error",
            text: `${diagnostic.file}:${diagnostic.line}:${diagnostic.column}: ${diagnostic.message}\n${diagnostic.frame}`,
          });
        }
        return;
      default:
        return;
    }
  }

  private close(text: string): void {
    this.state = "closed";
    this.busy = null;
    this.model.finish({ kind: "stopped", message: text });
    this.append({ kind: "info", text });
  }

  private endedText(): string {
    const ending = this.model.ending;
    if (ending?.kind === "end" && ending.end.message !== undefined) return `${CLOSED.ended()}: ${ending.end.message}.`;
    return `${CLOSED.ended()}.`;
  }

  private taskName(taskId: number): string {
    return this.model.tasks.get(taskId)?.name ?? String(taskId);
  }

  private appendOutput(stream: "stdout" | "stderr", text: string): void {
    const last = this.transcript.at(-1);
    if (last?.kind === stream) this.transcript = [...this.transcript.slice(0, -1), { kind: stream, text: last.text + text }];
    else this.append({ kind: stream, text });
  }

  private append(entry: TranscriptEntry): void {
    this.transcript = [...this.transcript, entry];
  }
}
