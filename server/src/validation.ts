// Turns a schema failure into the one sentence a refusal carries, naming the offending field.
// What the client wrote is echoed clipped: a refusal never grows with the message it refuses.

import type { z } from "zod";

export interface InvalidField {
  /** Dotted path of the field, e.g. "options.limits.cpuMs"; "" for the message itself. */
  field: string;
  message: string;
}

/** Longest field path and message a refusal carries. */
const MAX_FIELD_LENGTH = 100;
const MAX_MESSAGE_LENGTH = 300;

export function clip(text: string, length: number): string {
  return text.length <= length ? text : `${text.slice(0, length - 1)}…`;
}

export function describeFirstIssue(error: z.ZodError): InvalidField {
  const issue = error.issues[0];
  if (issue === undefined) return { field: "", message: "invalid message" };
  const path = issue.path.map(String);
  if (issue.code === "unrecognized_keys") path.push(issue.keys[0] ?? "");
  const field = clip(path.join("."), MAX_FIELD_LENGTH);
  const detail = issue.code === "unrecognized_keys" ? "is not a known field" : issue.message;
  return { field, message: clip(field === "" ? detail : `${field}: ${detail}`, MAX_MESSAGE_LENGTH) };
}
