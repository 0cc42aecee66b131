// Which browser origins may act on this server beyond reading: its own (the Host the request
// names, or the configured public URL's) and the ones LOOPLAB_ALLOWED_ORIGINS lists.

import type { ServerConfig } from "../config.js";

function hostOf(url: string): string | null {
  try {
    return new URL(url).host;
  } catch {
    // "null" (an opaque origin) and anything else that is not a URL.
    return null;
  }
}

export function originAllowed(
  origin: string,
  host: string | undefined,
  config: Pick<ServerConfig, "allowedOrigins" | "publicUrl">,
): boolean {
  if (config.allowedOrigins.includes("*") || config.allowedOrigins.includes(origin)) return true;
  if (config.publicUrl !== null && new URL(config.publicUrl).origin === origin) return true;
  const originHost = hostOf(origin);
  return originHost !== null && originHost === host;
}
