// Mocha's spec output, then one closing line that CI reads: "N passed, N failed".
// With TEST_PROFILE=1, also where the time went: the summed time of each file's tests and of its before/after hooks
// (where shared set-up such as a pack process or a plan is paid), slowest first, on stderr (the closing line stays
// the last line of stdout). TEST_PROFILE=<n> with n > 1 prints n files instead of 25.
const Mocha = require("mocha");
const { recordDurations } = require("./testDurations");

class SummaryReporter extends Mocha.reporters.Spec {
    constructor(runner, options) {
        super(runner, options);
        const byFile = new Map();
        const add = (runnable, key) => {
            const file = runnable.file ?? runnable.parent?.file ?? "(unknown)";
            const row = byFile.get(file) ?? { tests: 0, hooks: 0 };
            row[key] += runnable.duration ?? 0;
            byFile.set(file, row);
        };
        runner.on(Mocha.Runner.constants.EVENT_TEST_END, (test) => add(test, "tests"));
        runner.on(Mocha.Runner.constants.EVENT_HOOK_END, (hook) => add(hook, "hooks"));
        runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
            // The order of the next run (.mocharc.js): each file's time, known files only.
            recordDurations(Object.fromEntries([...byFile.entries()].filter(([file]) => file !== "(unknown)").map(([file, row]) => [file, row.tests + row.hooks])));
            if (process.env.TEST_PROFILE) {
                const rows = [...byFile.entries()].map(([file, { tests, hooks }]) => [file, tests, hooks, tests + hooks]).sort((a, b) => b[3] - a[3]);
                const total = rows.reduce((sum, row) => sum + row[3], 0);
                const hooks = rows.reduce((sum, row) => sum + row[2], 0);
                process.stderr.write(`\nTime by file (tests + before/after hooks; module loading not counted; summed over both jobs: ${(total / 1000).toFixed(1)} s, of which hooks ${(hooks / 1000).toFixed(1)} s)\n`);
                process.stderr.write(`${"total".padStart(8)}  ${"tests".padStart(8)}  ${"hooks".padStart(8)}  file\n`);
                const count = Number(process.env.TEST_PROFILE) > 1 ? Number(process.env.TEST_PROFILE) : 25;
                for (const [file, tests, hookMs, sum] of rows.slice(0, count)) {
                    const s = (ms) => `${(ms / 1000).toFixed(1)} s`.padStart(8);
                    process.stderr.write(`${s(sum)}  ${s(tests)}  ${s(hookMs)}  ${file.replace(`${process.cwd()}/`, "")}\n`);
                }
            }
            const { passes, failures, pending } = runner.stats;
            process.stdout.write(`\n${passes} passed, ${failures} failed${pending ? `, ${pending} skipped` : ""}\n`);
        });
    }
}

module.exports = SummaryReporter;
