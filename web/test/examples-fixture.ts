// A throwaway examples folder for the gallery index's tests: a learning path of two topics over
// three folders, and the metadata file of an example.

import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export function examplesFolder(files: Record<string, string>): string {
  const directory = mkdtempSync(path.join(tmpdir(), "looplab-examples-"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(directory, name)), { recursive: true });
    writeFileSync(path.join(directory, name), text);
  }
  return directory;
}

export const both = (en: string, zh: string) => ({ en, "zh-CN": zh });

export const LEARNING_PATH = JSON.stringify({
  seeds: ["协程函数"],
  topics: [
    { id: "generators", folders: ["generators"], title: both("Generators", "生成器"), description: both("yield", "yield 暂停") },
    { id: "asyncio", folders: ["tasks", "basics"], title: both("Tasks", "任务"), description: both("many at once", "同时运行") },
  ],
});

export function metadata(title: string, extra: object = {}): string {
  return JSON.stringify({ seed: "协程函数", title: both(title, `${title}(中文)`), watch: both(`watch ${title}`, `看 ${title}`), ...extra });
}
