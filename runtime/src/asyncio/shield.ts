// STUB
export function shield(..._args: unknown[]): never {
  throw new Error("asyncio.shield is not implemented yet");
}
