/// <reference types="svelte" />
/// <reference types="vite/client" />

declare module "virtual:looplab-examples" {
  const groups: import("../build/examples-index.ts").GalleryGroup[];
  export default groups;
}
