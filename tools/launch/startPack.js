"use strict";
// Preloaded by `npm run preview` (node -r): starts the project's policy pack (or --policy-pack's) before TypeScript
// and the Pulumi SDK load, so its start-up overlaps theirs. tools/preview.ts takes it over, or starts its own when
// the pack had to be rebuilt first. Whatever way the command ends (an argument error before the pack is taken
// over, an uncaught error, process.exit), the pack ends with it: no child outlives the command.
const fs = require("fs");
const path = require("path");
const { spawnPack, EARLY } = require("../policy/spawnPack");
const { endWithCommand, hookCommandEnd } = require("./endWithCommand");
const { PACKAGE_ROOT } = require("./packageRoot");
require("./compileCache").enableCompileCache();

const argv = process.argv;
const flag = argv.indexOf("--policy-pack");
const inline = argv.find((arg) => arg.startsWith("--policy-pack="));
const given = inline ? inline.slice("--policy-pack=".length) : flag >= 0 ? argv[flag + 1] : undefined;
const packDir = path.resolve(given && !given.startsWith("-") ? given : path.join(PACKAGE_ROOT, "policy-pack"));
// A missing directory is reported by the command itself, naming it; spawning there would only say ENOENT.
if (!argv.includes("--help") && !argv.includes("-h") && fs.existsSync(packDir)) {
    hookCommandEnd();
    const pending = spawnPack(packDir);
    globalThis[EARLY] = pending;
    endWithCommand(pending.child);
}
