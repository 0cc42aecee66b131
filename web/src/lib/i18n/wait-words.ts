// What a task waits on, in the page's language. The runtime sends a WaitTarget with its kind and
// ids and an English label; the page words it from the structure where the structure says
// enough. Where it does not (a yield, a gather, a Promise, a greenlet's switch), the label's few
// fixed shapes are recognised and reworded; anything else (a lock's "Queue #5 get", a sleep's
// "sleep(2)", a network wait) is shown as the runtime's label: names and code read the same in
// every language.

import type { WaitTarget } from "@looplab/server/protocol";
import { m } from "../../paraglide/messages.js";

/** A wait, or a deadlock graph's node for one: its kind and label are all every wait has. */
export type DescribedWait = Pick<WaitTarget, "kind" | "label">;

/** The label a generator or greenlet lane parks with: the keyword, the same in every language. */
const HAND_OFF_LABEL = "yield";

/** "gather of 2", "wait of 3", "TaskGroup of 2": asyncio/gather.ts, wait.ts, taskgroups.ts. */
const COMBINATOR_LABEL = /^(gather|wait|TaskGroup) of (\d+)$/;

/** asyncio/loop.ts: an awaited thenable that is not a Promise. */
const THENABLE_LABEL = "a thenable";

/** modules/greenlet.ts: a greenlet's switch to another. */
const SWITCH_LABEL = /^switch to (.+)$/s;

/** asyncio/loop.ts: runInExecutor's call. */
const EXECUTOR_CALL_LABEL = /^(.+) on a worker thread$/s;

export function waitWords(wait: DescribedWait): string {
  switch (wait.kind) {
    case "yield":
      return wait.label === HAND_OFF_LABEL ? wait.label : m.wait_next_iteration();
    case "tasks": {
      const combinator = COMBINATOR_LABEL.exec(wait.label);
      return combinator === null ? wait.label : m.wait_combinator({ api: combinator[1]!, count: Number(combinator[2]) });
    }
    case "promise":
      return wait.label === THENABLE_LABEL ? m.wait_thenable() : m.wait_promise();
    case "greenlet": {
      const target = SWITCH_LABEL.exec(wait.label);
      return target === null ? wait.label : m.wait_switch({ name: target[1]! });
    }
    case "executor": {
      const call = EXECUTOR_CALL_LABEL.exec(wait.label);
      return call === null ? wait.label : m.wait_executor_call({ call: call[1]! });
    }
    default:
      return wait.label;
  }
}
