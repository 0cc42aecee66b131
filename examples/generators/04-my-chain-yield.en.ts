function* my_chain(...args: Iterable<string>[]) {
  for (const items of args) {
    for (const item of items) {
      yield item;
    }
  }
}

function main() {
  // Simulate two query results from a table split in two
  const user1 = ["小张", "小明"];
  const user2 = ["小潘", "小周"];
  // Iterating a dict gives only its keys (for that you write and adapt your own merge)
  const user3 = { name: "test1", name1: "test2" };
  // Task: merge them and iterate (a JavaScript object cannot be iterated directly; Object.keys gives the keys that iterating a Python dict gives)
  for (const item of my_chain(user1, user2, Object.keys(user3))) {
    print(item);
  }
}

main();
