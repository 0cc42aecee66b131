function* get_value(value: string) {
  yield value;
}

// Here async and await are replaced by yield from
function* get_name(name: string) {
  // some processing logic
  yield* get_value(name);
}

const gen = get_name("小明");
// Python's gen.send(None) is gen.next() in JavaScript
print(gen.next().value);
