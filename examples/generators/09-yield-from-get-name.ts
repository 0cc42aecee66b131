function* get_value(value: string) {
  yield value;
}

// 这个async和await替换成yield from
function* get_name(name: string) {
  // 一系列逻辑处理
  yield* get_value(name);
}

const gen = get_name("小明");
// Python 的 gen.send(None),在 JavaScript 里是 gen.next()
print(gen.next().value);
