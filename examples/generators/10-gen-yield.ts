// 生成器通过yield暂停执行并返回数据
function* gen() {
  yield 1;
  yield 2;
}

for (const value of gen()) {
  print(value);
}
