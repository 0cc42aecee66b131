// The gevent module on the asyncio loop. gevent itself cannot be installed here; expected outputs
// follow gevent's documented behaviour (gevent.Greenlet, gevent.joinall, gevent.killall,
// gevent.monkey), with the translations listed in src/modules/gevent.ts.
import assert from "node:assert/strict";
import { test } from "node:test";
import { runSnippet, ts } from "./harness.js";

async function output(source: string): Promise<string> {
  const { stdout, stderr, error } = await runSnippet(source);
  assert.equal(error, undefined);
  assert.equal(stderr, "");
  return stdout;
}

test("the seeds' foo/bar example prints its four lines in order and takes 5 seconds", async () => {
  const stdout = await output(ts`
    import gevent from "gevent";
    import time from "time";
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
  `);
  assert.equal(stdout, "running in foo\nswitch to bar\nswitch to foo again\nswitch to bar again\n5\n");
});

test("joinall returns the greenlets in the order they finished, and each holds its value", async () => {
  const stdout = await output(ts`
    import gevent from "gevent";
    async function work(name, seconds) {
      await gevent.sleep(seconds);
      return name.toUpperCase();
    }
    const jobs = [gevent.spawn(work, "a", 3), gevent.spawn(work, "b", 1), gevent.spawn(work, "c", 2)];
    const done = gevent.joinall(jobs);
    print(done);
    print(jobs.map((job) => job.value), jobs.map((job) => job.successful()));
  `);
  assert.equal(
    stdout,
    `[<Greenlet at 0x2: work('b', 1)>, <Greenlet at 0x3: work('c', 2)>, <Greenlet at 0x1: work('a', 3)>]\n` +
      "['A', 'B', 'C'] [True, True, True]\n",
  );
});

test("joinall with a timeout returns what finished in time; the rest never run after the script ends", async () => {
  const stdout = await output(ts`
    import gevent from "gevent";
    import time from "time";
    async function slow(seconds) {
      await gevent.sleep(seconds);
      print("finished", seconds);
      return seconds;
    }
    const start = time.time();
    const jobs = [1, 2, 3, 4].map((seconds) => gevent.spawn(slow, seconds));
    const done = gevent.joinall(jobs, { timeout: 2.5 });
    print(done.length, jobs.map((job) => job.value), jobs.map((job) => job.ready()));
    print(time.time() - start);
  `);
  assert.equal(stdout, "finished 1\nfinished 2\n2 [1, 2, None, None] [True, True, False, False]\n2.5\n");
});

test("joinall's timeout may be given positionally, as gevent.joinall(greenlets, 2)", async () => {
  const stdout = await output(ts`
    import gevent from "gevent";
    const job = gevent.spawn(async () => { await gevent.sleep(5); });
    print(gevent.joinall([job], 2), job.dead);
  `);
  assert.equal(stdout, "[] False\n");
});

test("a greenlet that raises: exception set, value None, not successful, reported on stderr by the hub", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import gevent from "gevent";
    async function boom() {
      await gevent.sleep(1);
      throw new RangeError("out of range");
    }
    const job = gevent.spawn(boom);
    gevent.joinall([job]);
    print(job.ready(), job.successful(), [job.exception], job.value);
    try { job.get(); } catch (e) { print("get raised", [e]); }
  `);
  assert.equal(error, undefined);
  assert.equal(stdout, "True False [RangeError('out of range')] None\nget raised [RangeError('out of range')]\n");
  assert.match(stderr, /^(?:Traceback \(most recent call last\):\n(?: {2}.*\n)+)?RangeError: out of range\n/);
  // gevent's Hub.print_exception: the traceback, then gmctime(), the greenlet and the exception's class.
  assert.match(stderr, /\n2024-01-01T00:00:01Z <Greenlet at 0x1: boom> failed with RangeError\n\n$/);
  assert.doesNotMatch(stderr, /never retrieved/);
});

test("joinall with raiseError raises the first failure as it happens", async () => {
  const { stdout } = await runSnippet(ts`
    import gevent from "gevent";
    async function fail(seconds) {
      await gevent.sleep(seconds);
      throw new Error("failed after " + seconds);
    }
    try {
      gevent.joinall([gevent.spawn(fail, 2), gevent.spawn(fail, 1)], { raiseError: true });
    } catch (e) {
      print("raised", e.message);
    }
  `);
  assert.equal(stdout, "raised failed after 1\n");
});

test("kill() stops a greenlet at its await; it is dead, successful, and its value is the GreenletExit", async () => {
  const stdout = await output(ts`
    import gevent from "gevent";
    import time from "time";
    const start = time.time();
    const job = gevent.spawn(async () => {
      try {
        await gevent.sleep(10);
      } finally {
        print("cleaning up");
      }
    });
    gevent.sleep(1);
    job.kill();
    print(job.dead, job.successful(), job.value instanceof gevent.GreenletExit, job.exception, time.time() - start);
  `);
  assert.equal(stdout, "cleaning up\nTrue True True None 1\n");
});

test("kill() before a greenlet starts means it never runs; kill(SomeError) makes that its exception", async () => {
  const stdout = await output(ts`
    import gevent from "gevent";
    const never = gevent.spawn(async () => print("never runs"));
    never.kill();
    print(never.dead, never.value instanceof gevent.GreenletExit);
    const other = gevent.spawn(async () => { await gevent.sleep(5); });
    gevent.sleep(0);
    other.kill(TypeError);
    print(other.successful(), [other.exception]);
  `);
  assert.equal(stdout, "True True\nFalse [TypeError()]\n");
});

test("killall kills every greenlet and waits for them", async () => {
  const stdout = await output(ts`
    import gevent from "gevent";
    const jobs = [1, 2].map((n) => gevent.spawn(async () => { await gevent.sleep(n); }));
    gevent.sleep(0);
    gevent.killall(jobs);
    print(jobs.map((job) => job.dead));
  `);
  assert.equal(stdout, "[True, True]\n");
});

test("gevent.sleep at top level runs the hub: spawned greenlets make progress meanwhile", async () => {
  const stdout = await output(ts`
    import gevent from "gevent";
    const ticker = gevent.spawn(async () => {
      for (let i = 0; i < 5; i++) {
        print("tick", i);
        await gevent.sleep(1);
      }
    });
    gevent.sleep(2.5);
    print("main woke up", ticker.dead);
    ticker.join();
    print("joined", ticker.dead);
  `);
  assert.equal(stdout, "tick 0\ntick 1\ntick 2\nmain woke up False\ntick 3\ntick 4\njoined True\n");
});

test("Greenlet(fn, ...args) starts with start(); get() waits for and returns the value; getcurrent() is the greenlet", async () => {
  const stdout = await output(ts`
    import gevent from "gevent";
    const job = gevent.Greenlet(async (a, b) => {
      await gevent.sleep(1);
      return [a + b, gevent.getcurrent() === job];
    }, 2, 3);
    print(job.started, job.ready());
    job.start();
    print(job.started, job.get());
  `);
  assert.equal(stdout, "False False\nTrue [5, True]\n");
});

test("a plain function can be spawned; its return value is the greenlet's value", async () => {
  const stdout = await output(ts`
    import gevent from "gevent";
    const job = gevent.spawn((x) => x * 2, 21);
    gevent.joinall([job]);
    print(job.value);
  `);
  assert.equal(stdout, "42\n");
});

test("inside asyncio.run, greenlets run on the running loop and joinall is awaited", async () => {
  const stdout = await output(ts`
    import asyncio from "asyncio";
    import gevent from "gevent";
    async function work(n) {
      await gevent.sleep(n);
      return n * 10;
    }
    async function main() {
      const jobs = [2, 1].map((n) => gevent.spawn(work, n));
      const done = await gevent.joinall(jobs);
      print(done.map((job) => job.value), asyncio.getRunningLoop().time());
      await jobs[0].join();
      print(await jobs[0].get());
    }
    asyncio.run(main());
  `);
  assert.equal(stdout, "[10, 20] 2\n20\n");
});

test("monkey.patchAll() makes time.sleep cooperative inside greenlets and at top level", async () => {
  const stdout = await output(ts`
    import gevent from "gevent";
    import { monkey } from "gevent";
    import time from "time";
    monkey.patch_all();
    async function fetch(url, seconds) {
      print("GET:", url);
      await time.sleep(seconds);
      print("received from", url);
    }
    const start = time.time();
    gevent.joinall([gevent.spawn(fetch, "https://itk.org/", 3), gevent.spawn(fetch, "https://www.github.com/", 1)]);
    print(time.time() - start);
    const background = gevent.spawn(fetch, "https://zhihu.com/", 1);
    time.sleep(2);
    print(background.dead, time.time() - start);
  `);
  assert.equal(
    stdout,
    [
      "GET: https://itk.org/",
      "GET: https://www.github.com/",
      "received from https://www.github.com/",
      "received from https://itk.org/",
      "3",
      "GET: https://zhihu.com/",
      "received from https://zhihu.com/",
      "True 5",
      "",
    ].join("\n"),
  );
});

test("without monkey patching, time.sleep in a greenlet blocks everything", async () => {
  const stdout = await output(ts`
    import gevent from "gevent";
    import time from "time";
    async function blocker(name) {
      print("start", name);
      time.sleep(2);
      print("end", name);
    }
    const start = time.time();
    gevent.joinall([gevent.spawn(blocker, "a"), gevent.spawn(blocker, "b")]);
    print(time.time() - start);
  `);
  assert.equal(stdout, "start a\nend a\nstart b\nend b\n4\n");
});

test("gevent greenlets are tasks on the timeline, named Greenlet-N", async () => {
  const { events } = await runSnippet(
    ts`
      import gevent from "gevent";
      async function foo() { await gevent.sleep(1); }
      gevent.joinall([gevent.spawn(foo)]);
    `,
    { events: true },
  );
  const lines = events
    .filter((event) => event.type !== "step")
    .map((event) =>
      event.type === "task-spawned"
        ? `${event.time} spawned ${event.name} ${event.coroutine}`
        : event.type === "task-state"
          ? `${event.time} ${event.state}${event.waitingOn ? ` ${event.waitingOn.label}` : ""}`
          : event.type,
    );
  assert.deepEqual(lines, ["0 spawned Greenlet-0 foo", "0 pending", "0 running", "0 waiting sleep(1)", "1 running", "1 done"]);
});

test("a top-level gevent.sleep(0) resumes main after exactly one round of the other greenlets (gevent's loop: main's wake-up callback queued after theirs)", async () => {
  const stdout = await output(ts`
    import gevent from "gevent";
    async function worker(name) {
      for (let i = 0; i < 3; i++) {
        print(name, i);
        await gevent.sleep(0);
      }
    }
    const a = gevent.spawn(worker, "a");
    const b = gevent.spawn(worker, "b");
    print("main 0");
    gevent.sleep(0);
    print("main 1");
    gevent.sleep(0);
    print("main 2");
    gevent.joinall([a, b]);
    print("joined");
  `);
  assert.equal(stdout, "main 0\na 0\nb 0\nmain 1\na 1\nb 1\nmain 2\na 2\nb 2\njoined\n");
});
