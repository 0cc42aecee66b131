function* test_send(n: number) {
  for (let i = 0; i < n; i++) {
    if (i === 2) {
      return "i==2";
    }
    yield i;
  }
}

const g = test_send(5);
while (true) {
  // Python 的 next(g) 在生成器结束时抛 StopIteration,返回值在它的 value 里;
  // JavaScript 的 g.next() 不抛异常:done 为 true 时,value 就是返回值
  const tmp = g.next();
  if (tmp.done) {
    print(tmp.value);
    break;
  }
  print(tmp.value);
}
