// `npm start` on a fresh clone builds what is not built yet: the web app, when its workspace
// exists and its build output does not. (The sandbox builds its guest bundle on first use.)

import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { DEFAULT_WEB_DIST, type ServerConfig } from "./config.js";

const repositoryRoot = fileURLToPath(new URL("../../", import.meta.url));

export function buildMissing(config: ServerConfig): void {
  const webPackage = path.join(repositoryRoot, "web", "package.json");
  // A server pointed at another build (LOOPLAB_WEB_DIST) serves that one as it is.
  if (config.webDist !== DEFAULT_WEB_DIST || !existsSync(webPackage) || existsSync(path.join(config.webDist, "index.html"))) return;
  const scripts = (JSON.parse(readFileSync(webPackage, "utf8")) as { scripts?: Record<string, string> }).scripts ?? {};
  if (scripts.build === undefined) return;
  console.log("Building the web app (web/dist is missing)...");
  const result = spawnSync("npm", ["run", "build", "--workspace", "web"], { cwd: repositoryRoot, stdio: "inherit" });
  if (result.status !== 0) console.error("The web app failed to build; serving the placeholder pages instead.");
}
