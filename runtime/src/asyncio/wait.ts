// STUB: asyncio.wait lands with the combinators work.
export const FIRST_COMPLETED = "FIRST_COMPLETED";
export const FIRST_EXCEPTION = "FIRST_EXCEPTION";
export const ALL_COMPLETED = "ALL_COMPLETED";
export function wait(..._args: unknown[]): never {
  throw new Error("asyncio.wait is not implemented yet");
}
