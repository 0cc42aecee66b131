// A REPL session over the WebSocket, like `python -m asyncio`: inputs with top-level await,
// declarations that persist, tasks that keep running between inputs. The transcript keeps
// inputs and everything the session printed in the order it arrived; the session's task
// events also feed a RunModel, for the live task list and the timeline.
// When the session ends (a limit, a lost connection) the transcript and the inputs stay: the
// next session takes them over and may ask the server to replay the inputs' declarations.

import {
  type ClientMessage,
  type ClosedMessage,
  type EndEvent,
  type EvaluatedMessage,
  MAX_REPLAY_INPUTS,
  type OpenedMessage,
  type RunEvent,
} from "@looplab/server/protocol";
import { m } from "../paraglide/messages.js";
import type { ServerConnection } from "./connection.svelte.ts";
import { limitSentence } from "./limit-words.ts";
import { describeRefusal } from "./messages.ts";
import { RunModel } from "./run-model.svelte.ts";

export type TranscriptEntry =
  | { kind: "input"; code: string }
  | { kind: "stdout" | "stderr"; text: string }
  | { kind: "result"; value: string }
  | { kind: "error"; text: string }
  /**
   * The page's own words, worded when shown so they follow a language switch: a refusal
   * ("error"), a note ("info"), how the session ended and what became of it ("notice"), a
   * session that took over from an ended one and what its replay brought back ("restarted").
   */
  | { kind: "error" | "info" | "notice" | "restarted"; words: () => string };

/** An input a session ran, as `open`'s replay takes it. */
export type PastInput = NonNullable<Extract<ClientMessage, { type: "open" }>["replay"]>[number];

/** What a new session takes over from the one that ended. */
export interface CarriedOver {
  transcript: TranscriptEntry[];
  inputs: PastInput[];
  /** Ask the server to replay the inputs' declarations. */
  replay: boolean;
}

export type SessionState = "opening" | "open" | "closed";

const CLOSED: Record<ClosedMessage["reason"], () => string> = {
  client: m.repl_closed_client,
  "slow-reader": m.repl_closed_slow_reader,
  shutdown: m.repl_closed_shutdown,
  ended: m.repl_ended,
};

function describeReplay(replayed: NonNullable<OpenedMessage["replayed"]>): string {
  const lines = [replayed.restored.length > 0 ? m.repl_replayed({ names: replayed.restored.join(", ") }) : m.repl_replayed_none()];
  for (const { name, reason } of replayed.notRestored) lines.push(m.repl_not_restored({ name, reason }));
  return lines.join("\n");
}

export class ReplSession {
  state = $state<SessionState>("opening");
  /** The tag of the input being evaluated, while one is. */
  busy = $state<number | null>(null);
  transcript = $state.raw<TranscriptEntry[]>([]);
  readonly model = new RunModel("real");
  /** The inputs that ran, in this session and the ones it took over from, oldest first. */
  private inputs: PastInput[];

  private readonly id: string;
  private nextInput = 1;
  /** The code of each input sent and not yet answered, by its tag. */
  private readonly sent = new Map<number, string>();
  /** An input was running when the session's end event came: that input hit the limit. */
  private inputRunningAtEnd = false;

  constructor(
    private readonly connection: ServerConnection,
    carried?: CarriedOver,
  ) {
    this.id = connection.newId("repl");
    this.transcript = carried?.transcript ?? [];
    this.inputs = carried?.inputs ?? [];
    const replay = carried?.replay === true && this.inputs.length > 0 ? this.replayThatFits() : undefined;
    const open: ClientMessage = replay === undefined ? { type: "open", id: this.id } : { type: "open", id: this.id, replay };
    connection.start(open, (message) => {
      switch (message.type) {
        case "opened": {
          this.state = "open";
          const replayed = message.replayed;
          if (replayed !== undefined) this.append({ kind: "restarted", words: () => describeReplay(replayed) });
          else if (carried !== undefined) this.append({ kind: "restarted", words: m.repl_restarted_empty });
          return;
        }
        case "event":
          this.receive(message.event);
          return;
        case "evaluated":
          this.remember(message);
          if (message.input === this.busy) this.busy = null;
          return;
        case "cancelled":
          if (!message.cancelled) {
            const name = this.taskName(message.taskId);
            this.append({ kind: "info", words: () => m.repl_task_already_finished({ name }) });
          }
          return;
        case "closed":
          if (message.reason === "ended") this.ended();
          else this.close(CLOSED[message.reason]);
          connection.forget(this.id);
          return;
        case "error":
          this.append({ kind: "error", words: () => describeRefusal(message) });
          if (this.state === "opening") this.close(m.repl_open_failed);
          this.busy = null;
          return;
        case "lost":
          this.close(m.repl_connection_lost);
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
    this.sent.set(input, code);
    this.append({ kind: "input", code });
    this.connection.send({ type: "eval", id: this.id, code, input });
  }

  /** What a next session takes over: the transcript, and the inputs to replay if `replay`. */
  carryOver(replay: boolean): CarriedOver {
    return { transcript: this.transcript, inputs: replay ? this.inputs : [], replay };
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
      case "end":
        // The inputs still running ran until this end; their answers may come after the session is forgotten.
        this.inputRunningAtEnd = this.sent.size > 0;
        for (const source of this.sent.values()) this.inputs = [...this.inputs, { source, completed: false }].slice(-MAX_REPLAY_INPUTS);
        this.sent.clear();
        return;
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

  private close(words: () => string): void {
    this.state = "closed";
    this.busy = null;
    this.model.finish({ kind: "stopped", words });
    this.append({ kind: "info", words });
  }

  /** The session ended by itself: say which limit ended it (or why else), and what became of it. */
  private ended(): void {
    const ending = this.model.ending;
    const end: EndEvent | null = ending?.kind === "end" ? ending.end : null;
    const running = this.inputRunningAtEnd;
    this.close(() => `${CLOSED.ended()}.`);
    const cause = (): string =>
      end?.reason === "limit"
        ? (running ? m.repl_input_hit_limit : m.repl_session_hit_limit)({ message: limitSentence(end) })
        : end?.message === undefined
          ? m.repl_session_ended_unknown()
          : m.repl_session_ended_because({ message: end.message });
    // The entry the closing added is replaced by the fuller notice.
    this.transcript = [...this.transcript.slice(0, -1), { kind: "notice", words: () => `${cause()}\n${m.repl_session_fate()}` }];
  }

  /** Notes an answered input for replay; one that did not compile never ran. */
  private remember(message: EvaluatedMessage): void {
    if (typeof message.input !== "number") return;
    const source = this.sent.get(message.input);
    this.sent.delete(message.input);
    if (source === undefined || message.outcome.kind === "compile-error") return;
    this.inputs = [...this.inputs, { source, completed: message.outcome.kind === "value" }].slice(-MAX_REPLAY_INPUTS);
  }

  /** The latest inputs whose open message fits the server's message size. */
  private replayThatFits(): PastInput[] {
    const most = (this.connection.hello?.maxMessageBytes ?? 64 * 1024) - 1024;
    let replay = this.inputs;
    while (replay.length > 0 && new TextEncoder().encode(JSON.stringify(replay)).length > most) replay = replay.slice(1);
    return replay;
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
