function* my_chain(...args: Iterable<string>[]) {
  for (const items of args) {
    yield* items;
  }
}

function main() {
  // Simulate two query results from a table split in two
  const user1 = ["小张", "小明"];
  const user2 = ["小潘", "小周"];
  // Task: merge them and iterate
  for (const item of my_chain(user1, user2)) {
    print(item);
  }
}

main();
