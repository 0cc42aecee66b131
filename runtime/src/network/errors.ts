// The Python built-in exceptions the simulated network raises: OSError and its connection
// errors (str() is "[Errno 111] Connect call failed ('127.0.0.1', 8080)", repr() shows the
// arguments, as in Python), socket.gaierror, and the codec errors of bytes.decode().

import { ValueError } from "../asyncio/exceptions.js";
import { repr } from "../builtins/format.js";

export class OSError extends Error {
  readonly errno: number | null;
  readonly strerror: string | null;
  private readonly args: unknown[];

  constructor(errno?: number | string, strerror?: string) {
    const args = strerror === undefined ? (errno === undefined ? [] : [errno]) : [errno, strerror];
    super(strerror === undefined ? (errno === undefined ? "" : String(errno)) : `[Errno ${errno}] ${strerror}`);
    this.name = new.target.name;
    this.args = args;
    this.errno = strerror === undefined ? null : Number(errno);
    this.strerror = strerror ?? null;
  }

  __str__(): string {
    return this.message;
  }

  __repr__(): string {
    return `${this.name}(${this.args.map((arg) => repr(arg)).join(", ")})`;
  }
}

export class ConnectionError extends OSError {}
export class ConnectionRefusedError extends ConnectionError {}
export class ConnectionResetError extends ConnectionError {}
export class ConnectionAbortedError extends ConnectionError {}
export class BrokenPipeError extends ConnectionError {}
/** socket.gaierror: a host name the simulated network does not know. */
export class gaierror extends OSError {}

export function connectionRefused(host: string, port: number): ConnectionRefusedError {
  return new ConnectionRefusedError(111, `Connect call failed ('${host}', ${port})`);
}

export function connectionReset(): ConnectionResetError {
  return new ConnectionResetError(104, "Connection reset by peer");
}

export function unknownHost(): gaierror {
  return new gaierror(-2, "Name or service not known");
}

export class LookupError extends Error {
  constructor(message?: string) {
    super(message ?? "");
    this.name = new.target.name;
  }
}

export class UnicodeDecodeError extends ValueError {
  constructor(message?: string) {
    super(message);
    this.name = "UnicodeDecodeError";
  }
}

export class UnicodeEncodeError extends ValueError {
  constructor(message?: string) {
    super(message);
    this.name = "UnicodeEncodeError";
  }
}
