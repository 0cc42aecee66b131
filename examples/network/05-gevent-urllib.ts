import gevent, { monkey } from "gevent";
import time from "time";
import { request } from "urllib";

monkey.patchAll(); // 启动时打补丁(monkey patch):urllib 遇到 IO 操作时,gevent 自动切换到其他 greenlet

async function f(url: string) {
  print(`GET: ${url}`);
  const resp = await request.urlopen(url);
  const data = await resp.read();
  print(`${data.length} bytes received from ${url}.`);
}

const start = time.time();
gevent.joinall([gevent.spawn(f, "https://itk.org/"), gevent.spawn(f, "https://www.github.com/"), gevent.spawn(f, "https://zhihu.com/")]);
// f('https://itk.org/')
// f('https://www.github.com/')
// f('https://zhihu.com/')
print(time.time() - start);
