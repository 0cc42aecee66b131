function* my_chain(...args: (string[] | Record<string, string>)[]) {
  for (let my_iterable of args) {
    // If it is a dict, yield its values
    if (!Array.isArray(my_iterable)) {
      my_iterable = Object.values(my_iterable);
    }
    for (const item of my_iterable) {
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
  // Task: merge them and iterate
  for (const item of my_chain(user1, user2, user3)) {
    print(item);
  }
}

main();
