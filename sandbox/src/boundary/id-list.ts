// A list of ids (a gather's tasks, a deadlock's cycle), checked in one pass. zod checks an
// array's elements one by one through its pipeline, about 150 ns an id, and a gather of
// thousands of tasks lists them all. The check is the same: an array of non-negative safe
// integers, at most `most` long. The array is the host's own (JSON.parse made it), so it is kept as it is.

import { z } from "zod";

export function idList(most = Number.POSITIVE_INFINITY): z.ZodType<number[]> {
  const message = most === Number.POSITIVE_INFINITY ? "a list of ids" : `a list of at most ${most} ids`;
  return z.custom<number[]>((value) => isIdList(value, most), message);
}

function isIdList(value: unknown, most: number): boolean {
  if (!Array.isArray(value) || value.length > most) return false;
  for (let index = 0; index < value.length; index++) {
    const item: unknown = value[index];
    if (typeof item !== "number" || !Number.isSafeInteger(item) || item < 0) return false;
  }
  return true;
}
