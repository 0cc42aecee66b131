// Reads a request's JSON body against a schema; a failure is a 400 naming the field.

import type { Context } from "hono";
import type { z } from "zod";
import { describeFirstIssue } from "../validation.js";
import { badRequest } from "./refusal.js";

export async function readJsonBody<Schema extends z.ZodType>(c: Context, schema: Schema): Promise<z.infer<Schema> | Response> {
  let body: unknown;
  try {
    body = JSON.parse(await c.req.text());
  } catch {
    return badRequest(c, "the body is not valid JSON");
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const { field, message } = describeFirstIssue(parsed.error);
    return badRequest(c, message, field);
  }
  return parsed.data;
}
