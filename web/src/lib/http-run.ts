// A program run over HTTP (POST /api/run): every event at once, from the server's cache when the
// same code ran before. The widget uses it: it needs no WebSocket, so it works in a sandboxed
// iframe whose origin the server's WebSocket would not admit.

import type { RunEvent, RunResponse } from "@looplab/server/protocol";
import { m } from "../paraglide/messages.js";
import { httpRefusal } from "./messages.ts";
import { RunModel } from "./run-model.svelte.ts";

export async function runOverHttp(code: string, apiBase = ""): Promise<RunModel> {
  const model = new RunModel("virtual");
  let events: RunEvent[];
  try {
    const response = await fetch(`${apiBase}/api/run`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ code }),
    });
    if (!response.ok) {
      const body = await response.json().catch(() => null);
      const retry = response.headers.get("Retry-After");
      model.finish({ kind: "refused", words: () => httpRefusal(response.status, body, retry) });
      return model;
    }
    events = ((await response.json()) as RunResponse).events;
  } catch {
    model.finish({ kind: "refused", words: m.http_unreachable });
    return model;
  }
  for (const event of events) model.add(event);
  return model;
}
