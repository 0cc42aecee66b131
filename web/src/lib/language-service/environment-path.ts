/** The snippet's path in the language service's virtual file system. */
export const SNIPPET_PATH = "/snippet.ts";
