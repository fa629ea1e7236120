// Mocha's spec output, then one closing line that CI reads: "N passed, N failed".
// With TEST_PROFILE=1, also where the time went: the summed time of each file's tests, slowest first, on stderr (the
// closing line stays the last line of stdout).
const Mocha = require("mocha");

class SummaryReporter extends Mocha.reporters.Spec {
    constructor(runner, options) {
        super(runner, options);
        const byFile = new Map();
        runner.on(Mocha.Runner.constants.EVENT_TEST_END, (test) => {
            const file = test.file ?? test.parent?.file ?? "(unknown)";
            byFile.set(file, (byFile.get(file) ?? 0) + (test.duration ?? 0));
        });
        runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
            if (process.env.TEST_PROFILE) {
                const rows = [...byFile.entries()].sort((a, b) => b[1] - a[1]);
                const total = rows.reduce((sum, [, ms]) => sum + ms, 0);
                process.stderr.write(`\nTest time by file (the tests' own time, hooks not counted; summed over both jobs: ${(total / 1000).toFixed(1)} s)\n`);
                for (const [file, ms] of rows.slice(0, Number(process.env.TEST_PROFILE) > 1 ? Number(process.env.TEST_PROFILE) : 25)) {
                    process.stderr.write(`${(ms / 1000).toFixed(1).padStart(8)} s  ${file.replace(`${process.cwd()}/`, "")}\n`);
                }
            }
            const { passes, failures, pending } = runner.stats;
            process.stdout.write(`\n${passes} passed, ${failures} failed${pending ? `, ${pending} skipped` : ""}\n`);
        });
    }
}

module.exports = SummaryReporter;
