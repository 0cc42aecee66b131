// STUB
export class Timeout {}
export function timeout(..._args: unknown[]): never {
  throw new Error("asyncio.timeout is not implemented yet");
}
export function timeoutAt(..._args: unknown[]): never {
  throw new Error("asyncio.timeout_at is not implemented yet");
}
