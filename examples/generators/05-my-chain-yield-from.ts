function* my_chain(...args: Iterable<string>[]) {
  for (const items of args) {
    yield* items;
  }
}

function main() {
  // 模拟分表后的两个查询结果
  const user1 = ["小张", "小明"];
  const user2 = ["小潘", "小周"];
  // 需求:合并并遍历
  for (const item of my_chain(user1, user2)) {
    print(item);
  }
}

main();
