// Web storage that never throws: a sandboxed iframe without allow-same-origin, or a browser
// with storage disabled, refuses access, and the page then simply remembers nothing.

export type StorageKind = "local" | "session";

function storage(kind: StorageKind): Storage {
  return kind === "local" ? localStorage : sessionStorage;
}

export function readSetting(key: string, kind: StorageKind = "local"): string | null {
  try {
    return storage(kind).getItem(key);
  } catch {
    return null;
  }
}

export function writeSetting(key: string, value: string, kind: StorageKind = "local"): void {
  try {
    storage(kind).setItem(key, value);
  } catch {
    // Nothing is kept; the page works the same.
  }
}
