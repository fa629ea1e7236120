"use strict";
// Where the package is: the nearest folder above this file with a package.json. In a checkout that is the
// repository (tools/launch/..), in an installed package node_modules/audit-log-bucket (dist/tools/launch/../..):
// the ready policy pack, the stacks and the project file are found from there, whichever way the tools run.
const fs = require("fs");
const path = require("path");

function findPackageRoot(from) {
    let dir = from;
    while (!fs.existsSync(path.join(dir, "package.json"))) {
        const parent = path.dirname(dir);
        if (parent === dir) {
            return path.resolve(from, "..", "..");
        }
        dir = parent;
    }
    return dir;
}

const PACKAGE_ROOT = findPackageRoot(__dirname);

module.exports = { PACKAGE_ROOT, findPackageRoot };
