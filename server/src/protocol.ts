// The protocol between the page and the server: every WebSocket message in both directions and
// the HTTP API's bodies. Inbound messages are zod schemas (their types are inferred from them,
// so the check and the type cannot drift); events come from the sandbox and the runtime and are
// re-exported, not restated. docs/protocol.md documents each message with examples.

import type { EvalOutcome, Limits, PastInput, ReplaySummary, RunEvent } from "@looplab/sandbox";
import { MAX_REPLAY_INPUTS } from "@looplab/sandbox/protocol-events";
import { z } from "zod";

export type * from "@looplab/sandbox/protocol-events";
export { MAX_REPLAY_INPUTS, updateWaiters } from "@looplab/sandbox/protocol-events";

export const PROTOCOL_VERSION = 1;

/** A client-chosen name for a run or a session, unique among the live ones of its connection. */
const streamId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_.:-]+$/, "must use only letters, digits and _ . : -");

const positive = z.number().positive();

/** Limits a client may ask for; each must be at most the server's own. */
export const limitsSchema = z.strictObject({
  cpuMs: positive.optional(),
  wallMs: positive.optional(),
  memoryBytes: positive.optional(),
  stackBytes: positive.optional(),
  outputBytes: positive.optional(),
  eventBytes: positive.optional(),
  events: positive.optional(),
  tasks: positive.optional(),
  virtualSeconds: positive.optional(),
  snippetBytes: positive.optional(),
}) satisfies z.ZodType<Partial<Limits>>;

export const runOptionsSchema = z.strictObject({
  /** "virtual" (default): deterministic, cacheable; "real": sleeps take real time. */
  clock: z.enum(["virtual", "real"]).optional(),
  /** Seed of the snippet's `random` module. */
  seed: z.number().int().optional(),
  /** Task events (default true); false streams only output, result, error and end. */
  events: z.boolean().optional(),
  limits: limitsSchema.optional(),
});
export type RunOptions = z.infer<typeof runOptionsSchema>;

export const sessionOptionsSchema = z.strictObject({
  seed: z.number().int().optional(),
  events: z.boolean().optional(),
  limits: limitsSchema.optional(),
});
export type SessionOptions = z.infer<typeof sessionOptionsSchema>;

/** Inputs of an ended session, oldest first, whose declarations a new session starts with (sandbox/src/repl/declarations.ts). */
const replaySchema = z
  .array(z.strictObject({ source: z.string(), completed: z.boolean() }) satisfies z.ZodType<PastInput>)
  .max(MAX_REPLAY_INPUTS);

// Client to server, over the WebSocket.

export const clientMessageSchema = z.discriminatedUnion("type", [
  /** Start a program run; its events arrive as `event` messages with this id. */
  z.strictObject({ type: z.literal("run"), id: streamId, code: z.string(), options: runOptionsSchema.optional() }),
  /** Stop a program run. */
  z.strictObject({ type: z.literal("stop"), id: streamId }),
  /** Open a REPL session; `replay`: an ended session's inputs, whose declarations it starts with. */
  z.strictObject({ type: z.literal("open"), id: streamId, options: sessionOptionsSchema.optional(), replay: replaySchema.optional() }),
  /** Evaluate one input in a session; `input` is the client's tag, echoed in the evaluated answer. */
  z.strictObject({ type: z.literal("eval"), id: streamId, code: z.string(), input: z.union([z.string().max(64), z.number()]).optional() }),
  /** Cancel a session's task by its id (from its task-spawned event). */
  z.strictObject({ type: z.literal("cancel"), id: streamId, taskId: z.number().int().positive() }),
  /** Close a session. */
  z.strictObject({ type: z.literal("close"), id: streamId }),
  /** Application-level heartbeat for clients that cannot send WebSocket pings (browsers). */
  z.strictObject({ type: z.literal("ping"), nonce: z.union([z.string().max(64), z.number()]).optional() }),
]);
export type ClientMessage = z.infer<typeof clientMessageSchema>;
export type ClientMessageType = ClientMessage["type"];

// Server to client, over the WebSocket.

/** Sent once, first, on every connection. */
export interface HelloMessage {
  type: "hello";
  protocol: typeof PROTOCOL_VERSION;
  /** The limits every run gets unless it asks for lower ones. */
  limits: Limits;
  maxMessageBytes: number;
  heartbeatSeconds: number;
}

/** One event of the run or session `id`, in order, as it happens. */
export interface EventMessage {
  type: "event";
  id: string;
  event: RunEvent;
}

/** The session `id` is ready for inputs. */
export interface OpenedMessage {
  type: "opened";
  id: string;
  /** With `replay`: which names came back, and which did not and why. */
  replayed?: ReplaySummary;
}

/**
 * Why a session ended: the client closed it, its reader fell too far behind, the server is
 * shutting down, or it ended by itself (idle timeout, a limit; its end event says which).
 */
export type SessionCloseReason = "client" | "slow-reader" | "shutdown" | "ended";

/** The answer to an eval message, once that input's task is done. */
export interface EvaluatedMessage {
  type: "evaluated";
  id: string;
  /** The eval message's own tag, when it had one. */
  input?: string | number;
  outcome: EvalOutcome;
}

/** The session `id` is gone, always its last message; its id may be reused. */
export interface ClosedMessage {
  type: "closed";
  id: string;
  reason: SessionCloseReason;
  message?: string;
}

/** Why the server ended a run before its end event. */
export type StopReason = "client" | "slow-reader" | "shutdown";

/**
 * The run `id` was ended by the server before its end event (a stop message, a reader that fell
 * too far behind, shutdown); no more events follow and the id may be reused.
 */
export interface StoppedMessage {
  type: "stopped";
  id: string;
  reason: StopReason;
  message: string;
}

/** The answer to a cancel message: whether the task was live and is now being cancelled. */
export interface CancelledMessage {
  type: "cancelled";
  id: string;
  taskId: number;
  cancelled: boolean;
}

export interface PongMessage {
  type: "pong";
  nonce?: string | number;
}

export type ErrorCode =
  /** Not JSON, or not a JSON object. */
  | "invalid-json"
  /** A field is missing, has the wrong type, or is not allowed; `field` names it. */
  | "invalid-message"
  /** Larger than `maxMessageBytes`; the message was not read. */
  | "message-too-large"
  /** A limit of the server refused it; `limit` names it and `retryAfterSeconds` says when to retry. */
  | "limit"
  /** `id` names no live run or session of this connection. */
  | "unknown-id"
  /** `id` already names a live run or session of this connection. */
  | "duplicate-id"
  /** The server failed; the message says how. */
  | "internal";

/** The server-side limits a refusal can name. */
export type ServerLimitName =
  | "runs-per-client"
  | "connections-per-client"
  | "concurrent-connections"
  | "saves-per-client"
  | "runs-per-connection"
  | "sessions-per-connection"
  | "queued-runs-per-client"
  | "pending-cancels"
  | "message-size"
  | "body-size"
  | "snippet-size";

/** A message was refused. The connection stays open. */
export interface ErrorMessage {
  type: "error";
  /** The id of the run or session the refused message named, when it named one. */
  id?: string;
  code: ErrorCode;
  message: string;
  /** The offending field's path, e.g. "options.seed", for invalid-message. */
  field?: string;
  limit?: ServerLimitName;
  retryAfterSeconds?: number;
}

export type ServerMessage =
  | HelloMessage
  | EventMessage
  | OpenedMessage
  | EvaluatedMessage
  | ClosedMessage
  | StoppedMessage
  | CancelledMessage
  | PongMessage
  | ErrorMessage;

// HTTP bodies.

export const runRequestSchema = z.strictObject({ code: z.string(), options: runOptionsSchema.optional() });
export type RunRequest = z.infer<typeof runRequestSchema>;

/** POST /api/run's answer: every event of the run, the last one its end. */
export interface RunResponse {
  events: RunEvent[];
}

export const saveSnippetRequestSchema = z.strictObject({ code: z.string(), title: z.string().max(200).optional() });
export type SaveSnippetRequest = z.infer<typeof saveSnippetRequestSchema>;

export interface SaveSnippetResponse {
  id: string;
  /** The snippet's page: LOOPLAB_PUBLIC_URL + /s/:id, or the path /s/:id alone when it is not set. */
  url: string;
}

/** GET /api/snippets/:id. */
export interface SnippetResponse {
  id: string;
  code: string;
  title: string | null;
  /** ISO 8601, when it was first saved. */
  createdAt: string;
}

/** Every HTTP refusal's body (4xx and 5xx). */
export interface HttpErrorBody {
  error: string;
  field?: string;
  limit?: ServerLimitName;
  retryAfterSeconds?: number;
}
