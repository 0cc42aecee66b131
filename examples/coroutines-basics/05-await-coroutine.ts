import asyncio from "asyncio";

async function others() {
  print("start"); // ④打印start
  await asyncio.sleep(2); // ⑤等待耗时2秒,这过程中可以切换到其他协程中去
  print("end"); // ⑥打印end
  return "返回值";
}

async function func() {
  print("执行协程函数内部代码"); // ②执行协程函数,打印print代码
  const response = await others(); // ③等待协程函数others
  print(`io请求结束,结果为${response}`); // ⑦等待others结束后打印print语句
}

asyncio.run(func()); // ①协程函数放入事件循环中运行
