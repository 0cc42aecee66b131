// The gallery is a learning path only while every example has its title, what to watch (in every
// language), a known seed, a warning exactly when it ends in an error on purpose, and its comments
// in every language, and every folder of examples/ sits in a topic. These tests fail when one of
// those is missing (example-comments.test.ts tests the comments' part).

import assert from "node:assert/strict";
import { test } from "node:test";
import { galleryProblems, readLearningPath } from "../build/examples-index.ts";
import { both, examplesFolder, LEARNING_PATH, metadata } from "./examples-fixture.ts";

test("every example of examples/ has its title, what to watch in every language, a known seed and its comments in every language, and every folder a topic", () => {
  assert.deepEqual(galleryProblems(), []);
});

test("the path's topics come in the order the seed tutorials teach (issue 17)", () => {
  assert.deepEqual(
    readLearningPath().topics.map((topic) => topic.title.en),
    [
      "Generators and yield from",
      "Greenlet and gevent",
      "Coroutines and the event loop",
      "Tasks, gather and wait",
      "Timeouts and cancellation",
      "Locks, events, conditions, semaphores and queues",
      "Threads and executors",
      "The network",
    ],
  );
});

test("a folder in no topic, a missing metadata file, a missing text, an unknown seed and a mismatched warning are each reported", () => {
  const directory = examplesFolder({
    "learning-path.json": LEARNING_PATH,
    "tasks/01-complete.ts": "",
    "tasks/01-complete.gallery.json": metadata("Complete"),
    "tasks/02-no-metadata.ts": "",
    "tasks/03-no-chinese.ts": "",
    "tasks/03-no-chinese.gallery.json": JSON.stringify({ seed: "协程函数", title: { en: "No Chinese" }, watch: both("watch", "") }),
    "tasks/04-unknown-seed.ts": "",
    "tasks/04-unknown-seed.gallery.json": metadata("Unknown seed", { seed: "Some other tutorial" }),
    "tasks/05-silent-deadlock.ts": "",
    "tasks/05-silent-deadlock.expected-error.txt": "DeadlockError: stuck\n",
    "tasks/05-silent-deadlock.gallery.json": metadata("Silent deadlock"),
    "tasks/06-false-alarm.ts": "",
    "tasks/06-false-alarm.gallery.json": metadata("False alarm", { warning: both("This one deadlocks.", "这个例子会死锁。") }),
    "new-folder/01-example.ts": "",
    "new-folder/01-example.gallery.json": metadata("Example"),
  });
  assert.deepEqual(galleryProblems(directory).sort(), [
    "examples/new-folder/ is in no topic of learning-path.json",
    "examples/tasks/03-no-chinese.gallery.json has no text on what to watch in zh-CN",
    "examples/tasks/03-no-chinese.gallery.json has no title in zh-CN",
    'examples/tasks/04-unknown-seed.gallery.json: seed "Some other tutorial" is not a seed title of learning-path.json',
    "examples/tasks/05-silent-deadlock.gallery.json has no warning in en, but the example ends in an error on purpose",
    "examples/tasks/05-silent-deadlock.gallery.json has no warning in zh-CN, but the example ends in an error on purpose",
    "examples/tasks/06-false-alarm.gallery.json has a warning, but the example has no expected-error.txt",
    "learning-path.json names examples/basics/, which does not exist",
    "learning-path.json names examples/generators/, which does not exist",
    "tasks/02-no-metadata.ts has no examples/tasks/02-no-metadata.gallery.json",
  ]);
});
