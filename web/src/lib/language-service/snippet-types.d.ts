declare module "virtual:looplab-snippet-types" {
  /** The editor's type files by virtual path (web/build/snippet-types-plugin.ts). */
  const files: Record<string, string>;
  export default files;
}
