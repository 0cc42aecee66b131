import time from "time";

/*
The traditional producer-consumer model has one thread write messages and another take them, with locks guarding the queue and the waiting; one slip and it can deadlock.
With coroutines instead, once the producer has produced a message it jumps straight to the consumer with yield; when the consumer is done, control switches back to the producer, which produces more. Very efficient.
*/
// Notice that the consumer function is a generator:
// any function containing the yield keyword automatically becomes a generator
function* consumer(): Generator<string, void, number | undefined> {
  let r = "";
  while (true) {
    // 3. consumer gets the message through yield, processes it, and passes the result back through yield;
    // yield works like return, and the function's stack is then frozen at this line.
    // The next time the caller resumes the function with next(), generator.send() or for-in,
    // it carries on from the line after the yield and returns the next result. This is how an iterator gives infinite sequences and lazy evaluation.
    const n = yield r;
    if (!n) {
      return;
    }
    print(`[CONSUMER] ←← Consuming ${n}...`);
    time.sleep(1);
    r = "200 OK";
  }
}

function produce(c: Generator<string, void, number | undefined>) {
  // 1. First call c.next() to start the generator
  c.next();
  let n = 0;
  while (n < 5) {
    n = n + 1;
    print(`[PRODUCER] →→ Producing ${n}...`);
    // 2. Then, once something is produced, switch to consumer with c.send(n);
    const cr = c.next(n).value;
    // 4. produce gets the result consumer made, and goes on to produce the next message;
    print(`[PRODUCER] Consumer return: ${cr}`);
  }
  // 5. produce decides to stop producing, closes consumer with c.close(), and the whole process ends.
  c.return();
}

// 6. The whole flow has no locks and runs in one thread; produce and consumer cooperate to do the work, hence "coroutines", not the preemptive multitasking of threads.
const c = consumer();
produce(c);
