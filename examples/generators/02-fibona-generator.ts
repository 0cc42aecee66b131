// 代码瞬间就简洁了
function* fibona(n: number) {
  let a = 0;
  let b = 1;
  for (let _ = 0; _ < n; _++) {
    [a, b] = [b, a + b];
    yield a; // 加个yiel就变成生成器了
  }
}

function main() {
  print(fibona(10));
  for (const i of fibona(10)) {
    print(i);
  }
}

main();
