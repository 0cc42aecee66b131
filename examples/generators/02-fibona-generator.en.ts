// The code is suddenly much shorter
function* fibona(n: number) {
  let a = 0;
  let b = 1;
  for (let _ = 0; _ < n; _++) {
    [a, b] = [b, a + b];
    yield a; // add a yield and it becomes a generator
  }
}

function main() {
  print(fibona(10));
  for (const i of fibona(10)) {
    print(i);
  }
}

main();
