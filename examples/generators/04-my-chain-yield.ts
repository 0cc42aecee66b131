function* my_chain(...args: Iterable<string>[]) {
  for (const items of args) {
    for (const item of items) {
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
  // 需求:合并并遍历(JavaScript 的对象不能直接遍历,Object.keys 就是 Python 遍历 dict 得到的 key)
  for (const item of my_chain(user1, user2, Object.keys(user3))) {
    print(item);
  }
}

main();
