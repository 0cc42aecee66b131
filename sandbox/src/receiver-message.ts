// A runtime method called without its object (`const { putNowait } = queue; putNowait(1)`)
// fails inside the runtime on the first field it reads: QuickJS says "cannot read property
// 'isShutdown' of undefined", naming a property of the runtime's, not the snippet's mistake.
// The host, which sees that the failing frame is the runtime bundle's, says what went wrong.

import { BUNDLE_FILE, type GuestError } from "./guest/guest-protocol.js";
import { innermostFrame } from "./stack-frames.js";

const READ_OF_NOTHING = /^cannot read property '[^']*' of (undefined|null)$/;
const WRONG_OBJECT = /^invalid brand on object$/;

/** The error's message, or for a runtime method called on the wrong receiver, what went wrong. */
export function explainedMessage(error: GuestError): string {
  if (error.name !== "TypeError") return error.message;
  const nothing = READ_OF_NOTHING.exec(error.message);
  if (nothing === null && !WRONG_OBJECT.test(error.message)) return error.message;
  const frame = innermostFrame(error.stack);
  if (frame === null || frame.file !== BUNDLE_FILE || !/^[A-Za-z_$][\w$]*$/.test(frame.function)) return error.message;
  const method = frame.function;
  const receiver = nothing === null ? "an object that is not its own" : (nothing[1] as string);
  return (
    `${method}() was called on ${receiver} instead of its object: a method taken off its object loses it. ` +
    `Call it as object.${method}(...), or pass object.${method} itself as a callback, which Looplab binds`
  );
}
