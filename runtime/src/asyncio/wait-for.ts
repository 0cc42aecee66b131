// STUB
export function waitFor(..._args: unknown[]): never {
  throw new Error("asyncio.wait_for is not implemented yet");
}
