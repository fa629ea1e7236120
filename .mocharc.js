"use strict";
// Mocha's configuration. In parallel mode the files are handed to the jobs in the order of `spec`, so one slow file
// started last serializes the tail of the run: the files are ordered slowest first, by the time each took in the last
// run on this checkout (recorded by tests/support/summaryReporter.js under node_modules/.cache, so a clean CI checkout
// simply runs in path order). A file with no recorded time (a new one) is started first, before its cost is known.
const fs = require("fs");
const path = require("path");
const { readDurations } = require("./tests/support/testDurations");

/** Every `*.test.ts` under tests/, as the glob tests/**\/*.test.ts finds them, in path order. */
function testFiles(dir) {
    return fs
        .readdirSync(dir, { withFileTypes: true })
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
        .flatMap((entry) => (entry.isDirectory() ? testFiles(path.join(dir, entry.name)) : entry.name.endsWith(".test.ts") ? [path.join(dir, entry.name)] : []));
}

const durations = readDurations();
const known = (file) => durations[file] !== undefined;
const spec = testFiles("tests").sort((a, b) => Number(known(a)) - Number(known(b)) || (durations[b] ?? 0) - (durations[a] ?? 0));

module.exports = {
    require: ["tests/support/register.js"],
    extension: ["ts"],
    spec,
    timeout: 30000,
    reporter: "tests/support/summaryReporter.js",
    parallel: true,
    jobs: 2,
};
