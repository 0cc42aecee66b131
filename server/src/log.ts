// One line per HTTP request and per run, to stdout: a timestamp, then key=value pairs.

export type LogFields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  line(kind: "request" | "run" | "session" | "connection" | "server", fields: LogFields): void;
}

function formatValue(value: string | number | boolean | null): string {
  const text = String(value);
  return /^[^\s"=]+$/.test(text) ? text : JSON.stringify(text);
}

export function consoleLogger(enabled: boolean): Logger {
  return {
    line(kind, fields) {
      if (!enabled) return;
      const pairs = Object.entries(fields)
        .filter((entry): entry is [string, string | number | boolean | null] => entry[1] !== undefined)
        .map(([key, value]) => `${key}=${formatValue(value)}`);
      process.stdout.write(`${new Date().toISOString()} ${kind} ${pairs.join(" ")}\n`);
    },
  };
}
