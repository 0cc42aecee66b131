import gevent from "gevent";
import time from "time";

// Looplab 的 gevent:greenlet 的函数体写成 async function,在里面 `await gevent.sleep()`
async function foo() {
  print("running in foo");
  await gevent.sleep(2);
  print("switch to foo again");
}

async function bar() {
  print("switch to bar");
  await gevent.sleep(5);
  print("switch to bar again");
}

const start = time.time();
gevent.joinall([gevent.spawn(foo), gevent.spawn(bar)]);
print(time.time() - start);
