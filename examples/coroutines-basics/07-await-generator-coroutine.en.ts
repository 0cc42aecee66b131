// Python needs @types.coroutine on a generator before it can be awaited;
// in Looplab a generator already is an old-style coroutine and can be awaited directly (think of it as yield from)
function* get_value(value: string) {
  yield value;
}

async function get_name(name: string) {
  // some processing logic
  return await get_value(name);
}

const gen = get_name("小明");
print(gen.send(null));
// Mixing them without @types.coroutine, Python raises: TypeError: object generator can't be used in 'await' expression
