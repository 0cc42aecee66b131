// STUB
export function asCompleted(..._args: unknown[]): never {
  throw new Error("asyncio.as_completed is not implemented yet");
}
