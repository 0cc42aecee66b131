import asyncio from "asyncio";
import time from "time";

let event: asyncio.Event;
const html_dict: Record<string, string> = {};

async function updates() {
  // event.wait() is a coroutine method: it must be awaited
  await event.wait();
  // Saving to the database is left out: html_dict >> DB
  return "html_dict >> DB done";
}

async function get_html(url: string) {
  // Simulate a network request
  await asyncio.sleep(2);
  html_dict[url] = `<h1>${url}</h1>`; // could be written to a temporary file for now

  event.set(); // Mark it done: a plain method
  return `${url} done`;
}

async function main() {
  event = asyncio.Event(); // Create the event object

  // Create a batch of tasks
  const tasks = [];
  for (let i = 1; i < 10; i++) {
    tasks.push(asyncio.createTask(get_html(`www.mmd.com/a/${i}`)));
  }
  // The batch update
  tasks.push(asyncio.createTask(updates()));

  const result = await asyncio.gather(...tasks);
  print(result);
}

const start_time = time.time();
asyncio.run(main());
print(time.time() - start_time);
