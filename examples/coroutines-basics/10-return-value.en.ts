import asyncio from "asyncio";

async function coroutine() {
  print("in coroutine");
  return "result";
}

const event_loop = asyncio.getEventLoop();
try {
  const return_value = event_loop.runUntilComplete(coroutine());
  // {!r} is repr(): a string is shown in quotes
  print(`it returned: '${return_value}'`);
} finally {
  event_loop.close();
}
