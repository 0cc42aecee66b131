import gevent from "gevent";
import time from "time";

// Looplab's gevent: write the greenlet's function body as an async function and use `await gevent.sleep()` inside it
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
