import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";
import { readGallery } from "../build/examples-index.ts";

function examplesFolder(files: Record<string, string>): string {
  const directory = mkdtempSync(path.join(tmpdir(), "looplab-examples-"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(directory, name)), { recursive: true });
    writeFileSync(path.join(directory, name), text);
  }
  return directory;
}

test("the gallery groups examples by folder in the README's order, titled from their file names", () => {
  const directory = examplesFolder({
    "README.md": "| folder | what |\n| --- | --- |\n| `tasks/` | create_task, `gather` |\n| `basics/` | async/await |\n",
    "basics/01-hello-world.ts": 'print("hi")\n',
    "basics/01-hello-world.expected.txt": "hi\n",
    "tasks/02-gather.ts": "code 2",
    "tasks/02-gather.expected.txt": "",
    "tasks/01-create-task.ts": "code 1",
    "tasks/01-create-task.expected.txt": "",
  });
  assert.deepEqual(readGallery(directory), [
    {
      folder: "tasks",
      title: "Tasks",
      description: "create_task, gather",
      examples: [
        { path: "tasks/01-create-task.ts", title: "Create task", code: "code 1" },
        { path: "tasks/02-gather.ts", title: "Gather", code: "code 2" },
      ],
    },
    {
      folder: "basics",
      title: "Basics",
      description: "async/await",
      examples: [{ path: "basics/01-hello-world.ts", title: "Hello world", code: 'print("hi")\n' }],
    },
  ]);
});

test("folders the README marks skipped, and examples whose expected output still has {?}, stay out", () => {
  const directory = examplesFolder({
    "README.md": "| `network/` | **skipped until the simulated network exists:** sockets |\n| `tasks/` | tasks |\n",
    "network/01-get.ts": "x",
    "network/01-get.expected.txt": "",
    "tasks/01-ok.ts": "ok",
    "tasks/01-ok.expected.txt": "done\n",
    "tasks/02-service.ts": "service",
    "tasks/02-service.expected.txt": "rows: {?}\n",
  });
  assert.deepEqual(
    readGallery(directory).map((group) => [group.folder, group.examples.map((example) => example.path)]),
    [["tasks", ["tasks/01-ok.ts"]]],
  );
});

test("the real examples folder gives every group at least one example", () => {
  const groups = readGallery();
  assert.ok(groups.length >= 5);
  for (const group of groups) assert.ok(group.examples.length > 0, group.folder);
});
