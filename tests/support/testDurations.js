"use strict";
// How long each test file took in the last run that included it (tests plus before/after hooks, in ms), keyed by its
// path relative to the checkout. .mocharc.js orders the parallel run by it, slowest first; summaryReporter.js records it.
// It lives under node_modules/.cache: never committed, absent in a clean checkout (then the order is the path order).
const fs = require("fs");
const path = require("path");

const ROOT = path.resolve(__dirname, "..", "..");
const FILE = process.env.AUDIT_LOG_BUCKET_TEST_DURATIONS || path.join(ROOT, "node_modules", ".cache", "audit-log-bucket-tests", "durations.json");

/** The recorded durations; an unreadable or missing file is no record. */
function readDurations() {
    try {
        const parsed = JSON.parse(fs.readFileSync(FILE, "utf8"));
        return parsed && typeof parsed === "object" ? parsed : {};
    } catch {
        return {};
    }
}

/** Merges this run's durations into the record (a run of some files keeps the others' times), atomically. */
function recordDurations(byFile) {
    const merged = { ...readDurations() };
    for (const [file, ms] of Object.entries(byFile)) {
        merged[path.relative(ROOT, path.resolve(file))] = Math.round(ms);
    }
    try {
        fs.mkdirSync(path.dirname(FILE), { recursive: true });
        const temporary = `${FILE}.${process.pid}.tmp`;
        fs.writeFileSync(temporary, `${JSON.stringify(merged, null, 2)}\n`);
        fs.renameSync(temporary, FILE);
    } catch {
        // A read-only checkout keeps the path order: the record is an optimization, never a reason to fail a run.
    }
}

module.exports = { readDurations, recordDurations };
