// Turns a schema failure into the one sentence a refusal carries, naming the offending field.

import type { z } from "zod";

export interface InvalidField {
  /** Dotted path of the field, e.g. "options.limits.cpuMs"; "" for the message itself. */
  field: string;
  message: string;
}

export function describeFirstIssue(error: z.ZodError): InvalidField {
  const issue = error.issues[0];
  if (issue === undefined) return { field: "", message: "invalid message" };
  const path = issue.path.map(String);
  if (issue.code === "unrecognized_keys") path.push(issue.keys[0] ?? "");
  const field = path.join(".");
  const detail = issue.code === "unrecognized_keys" ? "is not a known field" : issue.message;
  return { field, message: field === "" ? detail : `${field}: ${detail}` };
}
