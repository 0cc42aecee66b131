// The links of a Markdown file and the anchors its headings make, as GitHub renders them:
// enough of Markdown to check that a repository's docs point at files and headings it has.

export interface MarkdownLink {
  /** 1-based line of the link, for the failure message. */
  line: number;
  target: string;
}

/** The file's lines with fenced code blocks blanked: what they hold is code, not links or headings. */
function proseLines(text: string): string[] {
  let fence: string | null = null;
  return text.split("\n").map((line) => {
    const marker = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence === null && marker !== undefined) {
      fence = marker;
      return "";
    }
    if (fence !== null) {
      if (marker !== undefined && marker[0] === fence[0] && marker.length >= fence.length) fence = null;
      return "";
    }
    return line;
  });
}

/** Inline links and images `[text](target "title")`, reference definitions `[label]: target`, and HTML src/href. */
export function markdownLinks(text: string): MarkdownLink[] {
  const links: MarkdownLink[] = [];
  proseLines(text).forEach((prose, index) => {
    // Inline code is code too: `[a](b)` written as an example is not a link.
    const line = prose.replace(/(`+)[^`]*?\1/g, "");
    const add = (target: string) => links.push({ line: index + 1, target });
    for (const match of line.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) add(match[1]!);
    const definition = /^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/.exec(line);
    if (definition !== null) add(definition[1]!);
    for (const match of line.matchAll(/<(?:a|img)\s[^>]*?(?:href|src)="([^"]+)"/g)) add(match[1]!);
  });
  return links;
}

/** GitHub's anchor for a heading: its text, lowercased, without punctuation, spaces as hyphens. */
export function headingSlug(heading: string): string {
  const text = heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/<[^>]+>/g, "")
    .replace(/[`*_~]/g, "");
  return text
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, "")
    .replace(/ /g, "-");
}

/** Every anchor the file's headings make; a repeated heading gets -1, -2, … as on GitHub. */
export function headingAnchors(text: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const line of proseLines(text)) {
    const heading = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(line)?.[1];
    if (heading === undefined) continue;
    const slug = headingSlug(heading);
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return anchors;
}
