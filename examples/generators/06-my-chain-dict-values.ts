function* my_chain(...args: (string[] | Record<string, string>)[]) {
  for (let my_iterable of args) {
    // 如果是字典类型就返回value
    if (!Array.isArray(my_iterable)) {
      my_iterable = Object.values(my_iterable);
    }
    for (const item of my_iterable) {
      yield item;
    }
  }
}

function main() {
  // 模拟分表后的两个查询结果
  const user1 = ["小张", "小明"];
  const user2 = ["小潘", "小周"];
  // dict只能遍历key(这种情况需要自己封装合并方法并处理下)
  const user3 = { name: "test1", name1: "test2" };
  // 需求:合并并遍历
  for (const item of my_chain(user1, user2, user3)) {
    print(item);
  }
}

main();
