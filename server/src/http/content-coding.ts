// Which compression a client takes, from its Accept-Encoding header (RFC 9110, 12.5.3): brotli
// when it takes it as gladly as gzip (smaller for the same text), else whichever it prefers.

/** The codings the server sends, most preferred first, with the suffix of a file precompressed in each. */
export const CONTENT_CODINGS = [
  { name: "br", suffix: ".br" },
  { name: "gzip", suffix: ".gz" },
] as const;

export type ContentCoding = (typeof CONTENT_CODINGS)[number]["name"];

/** The coding to send for `acceptEncoding`, or null for the body as it is (identity). */
export function chooseContentCoding(acceptEncoding: string | undefined): ContentCoding | null {
  if (acceptEncoding === undefined) return null;
  const weights = new Map<string, number>();
  for (const part of acceptEncoding.split(",")) {
    const [name = "", ...parameters] = part.split(";").map((piece) => piece.trim().toLowerCase());
    if (name === "") continue;
    const quality = parameters.find((parameter) => parameter.startsWith("q="));
    const weight = quality === undefined ? 1 : Number(quality.slice(2));
    weights.set(name, Number.isFinite(weight) ? weight : 0);
  }
  let best: { name: ContentCoding; weight: number } | null = null;
  for (const { name } of CONTENT_CODINGS) {
    const weight = weights.get(name) ?? weights.get("*") ?? 0;
    if (weight > 0 && (best === null || weight > best.weight)) best = { name, weight };
  }
  return best?.name ?? null;
}

export function suffixOf(coding: ContentCoding): string {
  return CONTENT_CODINGS.find((candidate) => candidate.name === coding)!.suffix;
}
