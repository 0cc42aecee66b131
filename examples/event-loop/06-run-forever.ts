import asyncio from "asyncio";
import time from "time";

// 回调函数一般都是普通函数
function test(name: string) {
  print(name);
}

const start_time = time.time();
const loop = asyncio.getEventLoop();

// 新版本限制了时间不能超过24h(防止有些人当定时任务来乱用)
// 这个执行过程会安装时间排个先后顺序,然后再批次运行
const task4 = loop.callLater(4, test, "task2-4");
loop.callLater(2, test, "task2-2");
loop.callLater(3, test, "task2-3");
loop.callLater(1, test, "task2-1");
// 取消测试
task4.cancel();
// close是直接丢弃任务然后关闭loop
loop.callLater(4, () => loop.stop()); // 等任务执行完成结束任务 loop.stop()

// run内部运行的是run_until_complete,而run_until_complete内部运行的是run_forever
loop.runForever();
print(time.time() - start_time);
