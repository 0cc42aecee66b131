// The Python built-in exceptions the simulated network raises: OSError and its connection
// errors (str() is "[Errno 111] Connect call failed ('127.0.0.1', 8080)", repr() shows the
// arguments, as in Python), socket.gaierror, and the codec errors of bytes.decode().

import { OSError, ValueError } from "../asyncio/exceptions.js";

export { LookupError, OSError } from "../asyncio/exceptions.js";

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
