// Runs before `npm install` and at the start of the project's scripts, on whatever Node.js is there (so plain
// JavaScript): a Node.js that is too old gets one clear paragraph instead of odd failures later.
import { pathToFileURL } from "node:url";

const [major, minor] = process.versions.node.split(".").map(Number);
export const nodeIsSupported = major > 22 || (major === 22 && minor >= 12);
export const nodeAdvice =
  `Samspill needs Node.js 22.12 or newer; this is Node.js ${process.versions.node} (${process.execPath}). ` +
  "Install Node.js 22 LTS with your package manager or nvm, or run `source scripts/use-node.sh`, which fetches the " +
  "npm registry's build of Node.js 22 into ~/.cache/samspill and puts it first on PATH in this shell; then run the command again.";

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href && !nodeIsSupported) {
  console.error(`\n${nodeAdvice}\n`);
  process.exit(1);
}
