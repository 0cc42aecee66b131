// A generator pauses with yield and hands back data
function* gen() {
  yield 1;
  yield 2;
}

for (const value of gen()) {
  print(value);
}
