// Python's bytes for the simulated network: a Uint8Array that decodes like bytes.decode() and
// prints as Python prints bytes (b'hi\n', through builtins/format.ts). QuickJS has no
// TextEncoder or TextDecoder, so the codecs are written out here: UTF-8 (its encoder in
// builtins/utf8.ts), ASCII and Latin-1.

import { utf8Bytes } from "../builtins/utf8.js";
import { isOptionsObject, option } from "../python-names.js";
import { LookupError, UnicodeDecodeError, UnicodeEncodeError } from "./errors.js";

export class Bytes extends Uint8Array {
  /** bytes.decode(encoding="utf-8", errors="strict"); also takes `{ encoding, errors }`. */
  decode(encoding: string | { encoding?: string; errors?: string } = "utf-8", errors = "strict"): string {
    if (isOptionsObject(encoding)) return decodeBytes(this, option(encoding, "encoding", "utf-8"), option(encoding, "errors", "strict"));
    return decodeBytes(this, encoding, errors);
  }
}

export type BytesLike = Uint8Array | string;

/** What write() and the HTTP bodies accept: bytes as they are, a string as its UTF-8 encoding. */
export function toBytes(data: BytesLike): Bytes {
  if (typeof data === "string") return encodeText(data);
  if (data instanceof Bytes) return data;
  if (data instanceof Uint8Array) return new Bytes(data);
  throw new TypeError(`a bytes-like object or a string is required, not '${typeName(data)}'`);
}

export function isBytesLike(data: unknown): data is BytesLike {
  return typeof data === "string" || data instanceof Uint8Array;
}

export function typeName(value: unknown): string {
  if (value === null || value === undefined) return "NoneType";
  if (typeof value === "number") return Number.isInteger(value) ? "int" : "float";
  if (typeof value === "boolean") return "bool";
  if (Array.isArray(value)) return "list";
  return (value as { constructor?: { name?: string } }).constructor?.name ?? typeof value;
}

export function concatBytes(chunks: readonly Uint8Array[]): Bytes {
  let total = 0;
  for (const chunk of chunks) total += chunk.length;
  const out = new Bytes(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

/** The index of `needle` in `haystack` at or after `from`, or -1. */
export function indexOfBytes(haystack: Uint8Array, needle: Uint8Array, from = 0, end = haystack.length): number {
  const first = needle[0];
  for (let i = from; i + needle.length <= end; i++) {
    if (haystack[i] !== first) continue;
    let j = 1;
    while (j < needle.length && haystack[i + j] === needle[j]) j++;
    if (j === needle.length) return i;
  }
  return -1;
}

type Codec = "utf-8" | "ascii" | "latin-1";

/** Python's codec name normalisation, for the three codecs the sandbox has. */
function codecOf(encoding: string): Codec {
  const name = String(encoding).toLowerCase().replace(/_/g, "-");
  if (name === "utf-8" || name === "utf8" || name === "u8") return "utf-8";
  if (name === "ascii" || name === "us-ascii") return "ascii";
  if (name === "latin-1" || name === "latin1" || name === "iso-8859-1" || name === "iso8859-1") return "latin-1";
  throw new LookupError(`unknown encoding: ${encoding}`);
}

export function encodeText(text: string, encoding = "utf-8"): Bytes {
  const codec = codecOf(encoding);
  if (codec !== "utf-8") {
    const limit = codec === "ascii" ? 0x80 : 0x100;
    const out = new Bytes(text.length);
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code >= limit)
        throw new UnicodeEncodeError(`'${codec}' codec can't encode character '\\u${code.toString(16).padStart(4, "0")}' in position ${i}`);
      out[i] = code;
    }
    return out;
  }
  return Bytes.from(utf8Bytes(text)) as Bytes;
}

export function decodeBytes(bytes: Uint8Array, encoding = "utf-8", errors = "strict"): string {
  const codec = codecOf(encoding);
  if (errors !== "strict" && errors !== "ignore" && errors !== "replace") {
    throw new LookupError(`unknown error handler name '${errors}'`);
  }
  if (codec === "utf-8") return decodeUtf8(bytes, errors);
  let out = "";
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i] as number;
    if (codec === "ascii" && byte >= 0x80) {
      if (errors === "strict") throw decodeError("ascii", bytes, i, i + 1, "ordinal not in range(128)");
      if (errors === "replace") out += "\ufffd";
      continue;
    }
    out += String.fromCharCode(byte);
  }
  return out;
}

/** The length of the UTF-8 sequence a lead byte starts, and the smallest code point it may encode. */
function sequenceOf(lead: number): [length: number, minimum: number] | null {
  if (lead >= 0xc2 && lead <= 0xdf) return [2, 0x80];
  if (lead >= 0xe0 && lead <= 0xef) return [3, 0x800];
  if (lead >= 0xf0 && lead <= 0xf4) return [4, 0x10000];
  return null;
}

// Python's decoder reports the longest valid prefix of a bad sequence as one error, so
// "replace" gives one U+FFFD per maximal invalid subpart, as CPython does.
function decodeUtf8(bytes: Uint8Array, errors: string): string {
  const parts: string[] = [];
  let run = "";
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i] as number;
    if (lead < 0x80) {
      run += String.fromCharCode(lead);
      i++;
      continue;
    }
    const sequence = sequenceOf(lead);
    let code = 0;
    let valid = 0;
    let reason = "invalid start byte";
    if (sequence !== null) {
      const [length, minimum] = sequence;
      code = lead & (0xff >> (length + 1));
      valid = 1;
      reason = "unexpected end of data";
      for (; valid < length; valid++) {
        if (i + valid >= bytes.length) break;
        const next = bytes[i + valid] as number;
        const low = valid === 1 && lead === 0xe0 ? 0xa0 : valid === 1 && lead === 0xf0 ? 0x90 : 0x80;
        const high = valid === 1 && lead === 0xed ? 0x9f : valid === 1 && lead === 0xf4 ? 0x8f : 0xbf;
        if (next < low || next > high) {
          reason = "invalid continuation byte";
          break;
        }
        code = (code << 6) | (next & 0x3f);
      }
      if (valid === length && code >= minimum) {
        run += String.fromCodePoint(code);
        i += length;
        continue;
      }
    }
    const end = i + Math.max(valid, 1);
    if (errors === "strict") throw decodeError("utf-8", bytes, i, end, reason);
    if (errors === "replace") run += "\ufffd";
    i = end;
    if (run.length > 4096) {
      parts.push(run);
      run = "";
    }
  }
  parts.push(run);
  return parts.join("");
}

function decodeError(codec: string, bytes: Uint8Array, start: number, end: number, reason: string): Error {
  const what =
    end - start === 1
      ? `byte 0x${(bytes[start] as number).toString(16).padStart(2, "0")} in position ${start}`
      : `bytes in position ${start}-${end - 1}`;
  return new UnicodeDecodeError(`'${codec}' codec can't decode ${what}: ${reason}`);
}
