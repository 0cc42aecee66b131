// The shape every record from the guest must have. The guest is untrusted: a snippet shares the
// runtime's realm and can call what the runtime calls, so the worker accepts a record only if
// it is exactly one of these (strict objects: no extra keys, no unknown type, no `end`).
// `satisfies` ties each schema to the type it checks, so the two cannot drift.

import { type AwaitFrame, MAX_AWAIT_FRAMES } from "@looplab/runtime/await-trace";
import {
  type CancelEvent,
  type CodeSite,
  type DeadlockGraph,
  type EveryListed,
  MAX_DEADLOCK_EDGES,
  MAX_DEADLOCK_LABEL_CHARACTERS,
  MAX_DEADLOCK_NODES,
  type OutputEvent,
  RESOURCE_ACTIONS,
  RESOURCE_KINDS,
  type ResourceEvent,
  type StepEvent,
  type TaskSpawnedEvent,
  type TaskStateEvent,
  type WaitTarget,
} from "@looplab/runtime/events";
import { z } from "zod";
import {
  type GuestCounters,
  type GuestError,
  type GuestRecord,
  MAX_ERROR_MESSAGE_CHARACTERS,
  MAX_ERROR_NAME_CHARACTERS,
  MAX_ERROR_STACK_CHARACTERS,
  MAX_GROUP_DEPTH,
  MAX_GROUP_EXCEPTIONS,
  MAX_GROUP_WIDTH,
  MAX_MEMBER_MESSAGE_CHARACTERS,
  MAX_MEMBER_STACK_CHARACTERS,
  MAX_RESULT_CHARACTERS,
} from "../guest/guest-protocol.js";
import { idList } from "./id-list.js";

/** Names, labels and reprs: the runtime shortens them well below this. */
export const MAX_LABEL_CHARACTERS = 4096;

/** JSON has no Infinity: `sleep(Infinity)` waits until null, which is read back as Infinity. */
const time = z
  .number()
  .nonnegative()
  .nullable()
  .transform((value) => value ?? Number.POSITIVE_INFINITY);
const id = z.number().int().nonnegative();
const label = z.string().max(MAX_LABEL_CHARACTERS);
const position = z.number().int().positive();
const codeSite = z.strictObject({ line: position, column: position, input: position.optional() }) satisfies z.ZodType<CodeSite>;

const waitTargetSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("sleep"), until: time, label }),
  z.strictObject({ kind: z.literal("yield"), label }),
  z.strictObject({ kind: z.literal("task"), taskId: id, label }),
  z.strictObject({ kind: z.literal("tasks"), taskIds: idList(), label }),
  z.strictObject({ kind: z.literal("future"), futureId: id, label }),
  z.strictObject({ kind: z.literal("promise"), label }),
  z.strictObject({ kind: z.enum(["lock", "event", "condition", "semaphore", "barrier", "queue"]), objectId: id, label }),
  z.strictObject({ kind: z.enum(["greenlet", "executor", "network"]), label }),
]) satisfies z.ZodType<WaitTarget>;

const taskSpawnedSchema = z.strictObject({
  type: z.literal("task-spawned"),
  time,
  taskId: id,
  name: label,
  parentId: id.nullable(),
  coroutine: label,
}) satisfies z.ZodType<TaskSpawnedEvent>;

const taskStateSchema = z.strictObject({
  type: z.literal("task-state"),
  time,
  taskId: id,
  state: z.enum(["pending", "running", "waiting", "done", "failed", "cancelled"]),
  waitingOn: waitTargetSchema.optional(),
  at: codeSite.optional(),
  result: label.optional(),
  error: label.optional(),
}) satisfies z.ZodType<TaskStateEvent>;

/** Output text is bounded by the output limit (the guest cuts it) and by the event-bytes limit. */
const outputSchema = z.strictObject({
  type: z.literal("output"),
  time,
  stream: z.enum(["stdout", "stderr"]),
  text: z.string(),
}) satisfies z.ZodType<OutputEvent>;

const stepSchema = z.strictObject({
  type: z.literal("step"),
  step: id,
  iteration: id,
  time,
  taskId: id.optional(),
  callback: label.optional(),
  scheduledBy: id,
  timer: z.literal(true).optional(),
  cancelled: z.literal(true).optional(),
  resumedAt: codeSite.optional(),
  value: label.optional(),
  thrown: z.literal(true).optional(),
}) satisfies z.ZodType<StepEvent>;

const resourceSchema = z.strictObject({
  type: z.literal("resource"),
  step: id,
  time,
  objectId: id,
  kind: z.enum(RESOURCE_KINDS),
  action: z.enum(RESOURCE_ACTIONS),
  taskId: id.optional(),
  holder: id.optional(),
  value: z.number().int().nonnegative().optional(),
  item: label.optional(),
  size: z.number().int().nonnegative().optional(),
}) satisfies z.ZodType<ResourceEvent>;

const cancelSchema = z.strictObject({
  type: z.literal("cancel"),
  step: id,
  time,
  action: z.enum(["requested", "delivered", "swallowed", "uncancelled", "shielded"]),
  taskId: id,
  by: z.enum(["task", "await", "gather", "task-group", "timeout", "wait-for", "shutdown"]).optional(),
  byTaskId: id.optional(),
  message: label.optional(),
  cancelling: z.number().int().nonnegative().optional(),
  deliveredAt: id.optional(),
}) satisfies z.ZodType<CancelEvent>;

const deadlockLabel = z.string().max(MAX_DEADLOCK_LABEL_CHARACTERS);

/** Edges and the cycle name nodes by their index, which must be one of the graph's. */
const deadlockGraphSchema = z
  .strictObject({
    nodes: z
      .array(
        z.strictObject({
          kind: z.enum([
            "task",
            "tasks",
            "sleep",
            "yield",
            "future",
            "promise",
            "lock",
            "event",
            "condition",
            "semaphore",
            "barrier",
            "queue",
            "greenlet",
            "executor",
            "network",
          ]),
          id: id.optional(),
          label: deadlockLabel,
          coroutine: deadlockLabel.optional(),
          done: z.literal(true).optional(),
        }),
      )
      .max(MAX_DEADLOCK_NODES),
    edges: z.array(z.strictObject({ from: id, to: id, kind: z.enum(["waits-on", "held-by"]) })).max(MAX_DEADLOCK_EDGES),
    cycle: idList(MAX_DEADLOCK_NODES).nullable(),
    truncated: z.literal(true).optional(),
  })
  .refine(
    ({ nodes, edges, cycle }) =>
      edges.every((edge) => edge.from < nodes.length && edge.to < nodes.length) && (cycle ?? []).every((index) => index < nodes.length),
    "an edge or the cycle names a node the graph does not have",
  ) satisfies z.ZodType<DeadlockGraph>;

const awaitFramesSchema = z
  .array(z.strictObject({ function: label, line: position, column: position, input: position.optional() }) satisfies z.ZodType<AwaitFrame>)
  .max(MAX_AWAIT_FRAMES)
  .optional();

/** A sub-exception of a group, and its own sub-exceptions: one schema per level, MAX_GROUP_DEPTH deep. */
function memberSchema(levelsBelow: number): z.ZodType<GuestError> {
  const member = z.strictObject({
    name: z.string().max(MAX_ERROR_NAME_CHARACTERS),
    message: z.string().max(MAX_MEMBER_MESSAGE_CHARACTERS),
    stack: z.string().max(MAX_MEMBER_STACK_CHARACTERS),
    awaitFrames: awaitFramesSchema,
  });
  if (levelsBelow === 0) return member;
  return member.extend(groupShape(memberSchema(levelsBelow - 1)));
}

function groupShape(member: z.ZodType<GuestError>) {
  return { exceptions: z.array(member).max(MAX_GROUP_WIDTH).optional(), exceptionCount: z.number().int().min(0).optional() };
}

/** Counts the sub-exceptions described in a group's whole tree. */
function describedMembers(error: GuestError): number {
  let count = 0;
  for (const member of error.exceptions ?? []) count += 1 + describedMembers(member);
  return count;
}

export const guestErrorSchema = z
  .strictObject({
    name: z.string().max(MAX_ERROR_NAME_CHARACTERS),
    message: z.string().max(MAX_ERROR_MESSAGE_CHARACTERS),
    stack: z.string().max(MAX_ERROR_STACK_CHARACTERS),
    awaitFrames: awaitFramesSchema,
    deadlock: deadlockGraphSchema.optional(),
    ...groupShape(memberSchema(MAX_GROUP_DEPTH - 1)),
  })
  .refine(
    (error) => describedMembers(error) <= MAX_GROUP_EXCEPTIONS,
    "an exception group with more sub-exceptions than the guest describes",
  ) satisfies z.ZodType<GuestError>;

export const guestRecordSchema = z.discriminatedUnion("type", [
  taskSpawnedSchema,
  taskStateSchema,
  outputSchema,
  stepSchema,
  resourceSchema,
  cancelSchema,
  z.strictObject({ type: z.literal("guest-error"), time, error: guestErrorSchema }),
  z.strictObject({
    type: z.literal("guest-traceback"),
    time,
    stream: z.enum(["stdout", "stderr"]),
    before: z.string().max(MAX_ERROR_MESSAGE_CHARACTERS),
    error: guestErrorSchema,
    after: z.string().max(MAX_ERROR_MESSAGE_CHARACTERS),
  }),
  z.strictObject({ type: z.literal("guest-result"), time, value: z.string().max(MAX_RESULT_CHARACTERS) }),
  z.strictObject({ type: z.literal("input-started"), inputId: id, taskId: id }),
  z.strictObject({ type: z.literal("input-done"), inputId: id }),
]) satisfies z.ZodType<GuestRecord>;

const count = z.number().int().nonnegative();

export const guestCountersSchema = z.strictObject({
  tasks: count,
  steps: count,
  virtualSeconds: z.number().finite().nonnegative(),
}) satisfies z.ZodType<GuestCounters>;

/** Every record type has a schema: a new event kind without one would be refused at run time. */
export const EVERY_RECORD_TYPE_CHECKED: EveryListed<GuestRecord["type"], z.output<typeof guestRecordSchema>["type"]> = true;
