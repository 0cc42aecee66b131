// Python 要给生成器加 @types.coroutine 才能 await 它;
// Looplab 里生成器本身就是旧式协程,可以直接 await(可以理解为 yield from)
function* get_value(value: string) {
  yield value;
}

async function get_name(name: string) {
  // 一系列逻辑处理
  return await get_value(name);
}

const gen = get_name("小明");
print(gen.send(null));
// 不加 @types.coroutine 直接混用,Python 会报错:TypeError: object generator can't be used in 'await' expression
