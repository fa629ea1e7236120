"use strict";
// The build's second step: the tools' plain-JavaScript files (the launchers, which run before TypeScript could
// load, and the pack starter) and their declarations are not compiled, so they are copied beside the compiled tools.
const fs = require("fs");
const path = require("path");

const ROOT = path.resolve(__dirname, "..", "..");
let copied = 0;
for (const dir of ["tools/launch", "tools/policy"]) {
    for (const file of fs.readdirSync(path.join(ROOT, dir))) {
        if (file.endsWith(".js") || (file.endsWith(".d.ts") && fs.existsSync(path.join(ROOT, dir, file.replace(/\.d\.ts$/, ".js"))))) {
            fs.mkdirSync(path.join(ROOT, "dist", dir), { recursive: true });
            fs.copyFileSync(path.join(ROOT, dir, file), path.join(ROOT, "dist", dir, file));
            copied += 1;
        }
    }
}
console.error(`copied ${copied} launcher files into dist/tools`);
