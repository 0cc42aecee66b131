// A snippet carried wholly in the URL's fragment (#code=...), never sent to the server: the
// code, DEFLATE-compressed (fflate), in URL-safe base64.

import { deflateSync, inflateSync, strFromU8, strToU8 } from "fflate";

const PREFIX = "code=";

function toBase64Url(bytes: Uint8Array): string {
  let binary = "";
  for (let index = 0; index < bytes.length; index += 0x8000) binary += String.fromCharCode(...bytes.subarray(index, index + 0x8000));
  return btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): Uint8Array {
  const binary = atob(text.replaceAll("-", "+").replaceAll("_", "/"));
  return Uint8Array.from(binary, (character) => character.charCodeAt(0));
}

/** The fragment, without "#", that carries `code`. */
export function encodeFragment(code: string): string {
  return PREFIX + toBase64Url(deflateSync(strToU8(code), { level: 9 }));
}

/** The code a fragment carries, or null when it carries none or is damaged. */
export function decodeFragment(fragment: string): string | null {
  const body = fragment.replace(/^#/, "");
  if (!body.startsWith(PREFIX)) return null;
  try {
    return strFromU8(inflateSync(fromBase64Url(body.slice(PREFIX.length))));
  } catch {
    return null;
  }
}
