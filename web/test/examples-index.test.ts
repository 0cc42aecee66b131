import assert from "node:assert/strict";
import { test } from "node:test";
import { readGallery, readLearningGroups } from "../build/examples-index.ts";
import { both, examplesFolder, LEARNING_PATH, metadata } from "./examples-fixture.ts";

const CHINESE_COMMENTS = '// 打印\nprint("完成");\n';
const ENGLISH_COMMENTS = '// print\nprint("完成");\n';

test("the gallery follows the path's topics in order, each holding its folders in order, with each example's texts", () => {
  const directory = examplesFolder({
    "learning-path.json": LEARNING_PATH,
    "basics/01-hello-world.ts": 'print("hi")\n',
    "basics/01-hello-world.expected.txt": "hi\n",
    "basics/01-hello-world.gallery.json": metadata("Hello"),
    "tasks/02-gather.ts": "code 2",
    "tasks/02-gather.expected.txt": "",
    "tasks/02-gather.gallery.json": metadata("Gather"),
    "tasks/01-create-task.ts": "code 1",
    "tasks/01-create-task.expected.txt": "",
    "tasks/01-create-task.gallery.json": metadata("Create"),
    "generators/01-yield.ts": "code 0",
    "generators/01-yield.expected.txt": "",
    "generators/01-yield.gallery.json": metadata("Yield"),
  });
  assert.deepEqual(readGallery(directory), [
    {
      topic: "generators",
      title: "Generators",
      description: "yield",
      examples: [
        { path: "generators/01-yield.ts", title: "Yield", watch: "watch Yield", seed: "协程函数", intendedError: null, code: "code 0" },
      ],
    },
    {
      topic: "asyncio",
      title: "Tasks",
      description: "many at once",
      examples: [
        { path: "tasks/01-create-task.ts", title: "Create", watch: "watch Create", seed: "协程函数", intendedError: null, code: "code 1" },
        { path: "tasks/02-gather.ts", title: "Gather", watch: "watch Gather", seed: "协程函数", intendedError: null, code: "code 2" },
        {
          path: "basics/01-hello-world.ts",
          title: "Hello",
          watch: "watch Hello",
          seed: "协程函数",
          intendedError: null,
          code: 'print("hi")\n',
        },
      ],
    },
  ]);
  assert.deepEqual(
    readGallery(directory, "zh-CN").map((group) => [group.title, group.examples.map((example) => example.title)]),
    [
      ["生成器", ["Yield(中文)"]],
      ["任务", ["Create(中文)", "Gather(中文)", "Hello(中文)"]],
    ],
  );
});

test("an example that ends in an error on purpose carries the error's name, from its expected-error.txt, and its warning", () => {
  const directory = examplesFolder({
    "learning-path.json": LEARNING_PATH,
    "tasks/01-deadlock.ts": "code",
    "tasks/01-deadlock.expected.txt": "",
    "tasks/01-deadlock.expected-error.txt":
      "DeadlockError: the main task can never finish: no task is ready.\n  Task-1 (main) waits on Lock #1\n",
    "tasks/01-deadlock.gallery.json": metadata("Deadlock", { warning: both("This one deadlocks.", "这个例子会死锁。") }),
  });
  const [example] = readLearningGroups(directory)[0]!.examples;
  assert.deepEqual(example!.intendedError, { name: "DeadlockError", warning: both("This one deadlocks.", "这个例子会死锁。") });
});

test("examples whose expected output still has {?} stay out; an example without metadata or a folder in no topic still shows, titled from its name", () => {
  const directory = examplesFolder({
    "learning-path.json": LEARNING_PATH,
    "tasks/01-ok.ts": "ok",
    "tasks/01-ok.expected.txt": "done\n",
    "tasks/02-service.ts": "service",
    "tasks/02-service.expected.txt": "rows: {?}\n",
    "extra-things/01-new-example.ts": "new",
    "extra-things/01-new-example.expected.txt": "",
  });
  assert.deepEqual(
    readGallery(directory).map((group) => [group.topic, group.title, group.examples.map((example) => [example.path, example.title])]),
    [
      ["asyncio", "Tasks", [["tasks/01-ok.ts", "Ok"]]],
      ["extra-things", "Extra things", [["extra-things/01-new-example.ts", "New example"]]],
    ],
  );
});

test("a translation is not an example of its own: the example's code comes in every language, its own file where it has no translation", () => {
  const directory = examplesFolder({
    "learning-path.json": LEARNING_PATH,
    "tasks/01-translated.ts": CHINESE_COMMENTS,
    "tasks/01-translated.en.ts": ENGLISH_COMMENTS,
    "tasks/01-translated.expected.txt": "完成\n",
    "tasks/01-translated.gallery.json": metadata("Translated"),
    "tasks/02-no-comments.ts": 'print("hi");\n',
    "tasks/02-no-comments.expected.txt": "hi\n",
    "tasks/02-no-comments.gallery.json": metadata("No comments"),
  });
  const codeIn = (language: "en" | "zh-CN") =>
    readGallery(directory, language).flatMap((group) => group.examples.map((example) => [example.path, example.code]));
  assert.deepEqual(codeIn("en"), [
    ["tasks/01-translated.ts", ENGLISH_COMMENTS],
    ["tasks/02-no-comments.ts", 'print("hi");\n'],
  ]);
  assert.deepEqual(codeIn("zh-CN"), [
    ["tasks/01-translated.ts", CHINESE_COMMENTS],
    ["tasks/02-no-comments.ts", 'print("hi");\n'],
  ]);
});
