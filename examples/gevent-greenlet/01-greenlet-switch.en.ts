import { greenlet } from "greenlet";

// Looplab's greenlet: write the function body as an async function and switch inside it with `await gr.switch()`
async function test1() {
  print(12);
  await gr2.switch();
  print(34);
  await gr2.switch();
}

async function test2() {
  print(56);
  await gr1.switch();
  print(78);
}

const gr1 = greenlet(test1);
const gr2 = greenlet(test2);
gr1.switch();
