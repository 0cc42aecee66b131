// A session handle that can be used before its session is open: each call waits for the
// opening and is then made, in the order the calls came. A session that starts afresh on a
// new worker is used through one while it opens.

import type { SessionHandle } from "./worker-pool.js";

export function deferredSessionHandle(opening: Promise<SessionHandle>): SessionHandle {
  let opened: SessionHandle | null = null;
  opening.then((handle) => (opened = handle)).catch(() => {});
  return {
    evaluate: (inputId, code) => {
      opening.then((handle) => handle.evaluate(inputId, code)).catch(() => {});
    },
    // A session that never opened has no task to cancel.
    cancel: (taskId) => opening.then((handle) => handle.cancel(taskId)).catch(() => false),
    // Nothing computes in a session that is not open yet.
    interrupt: (endsSession) => opened?.interrupt(endsSession) ?? false,
    close: (message) => {
      opening.then((handle) => handle.close(message)).catch(() => {});
    },
  };
}
