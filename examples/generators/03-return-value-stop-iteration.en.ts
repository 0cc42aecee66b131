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
  // Python's next(g) raises StopIteration when the generator ends, with the return value in its value;
  // JavaScript's g.next() raises nothing: when done is true, value is the return value
  const tmp = g.next();
  if (tmp.done) {
    print(tmp.value);
    break;
  }
  print(tmp.value);
}
