// STUB
export function asyncWith(..._args: unknown[]): never {
  throw new Error("asyncio.async_with is not implemented yet");
}
export function enter(..._args: unknown[]): never {
  throw new Error("asyncio.enter is not implemented yet");
}
