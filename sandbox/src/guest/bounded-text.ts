// Text cut to the length the boundary accepts (guest-protocol.ts); used on both sides of it.

import { sliceString } from "./captured-intrinsics.js";

export function bounded(text: string, limit: number): string {
  return text.length <= limit ? text : `${sliceString(text, 0, limit - 1)}…`;
}
