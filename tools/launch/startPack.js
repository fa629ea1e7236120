"use strict";
// Preloaded by `npm run preview` (node -r): starts the project's policy pack (or --policy-pack's) before TypeScript
// and the Pulumi SDK load, so its start-up overlaps theirs. tools/preview.ts takes it over, or starts its own when
// the pack had to be rebuilt first.
const path = require("path");
const { spawnPack, EARLY } = require("../policy/spawnPack");

const argv = process.argv;
const flag = argv.indexOf("--policy-pack");
const packDir = path.resolve(flag >= 0 && argv[flag + 1] ? argv[flag + 1] : path.join(__dirname, "..", "..", "policy-pack"));
if (!argv.includes("--help") && !argv.includes("-h")) {
    globalThis[EARLY] = spawnPack(packDir);
}
