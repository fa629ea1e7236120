import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "util";
import { planNewStacks, writeStackFiles } from "./newStack/create";
import { StackTarget, TargetProblem, checkTarget, formatTargetProblem, parseTargets } from "./newStack/targets";
import { REPO_ROOT } from "./offline/plan";
import { exitAfterOutput } from "./launch/exitAfterOutput";

const USAGE = `usage: npm run new-stack -- --account <id> --region <region> [--name <stack>] [--from <stack>] [--force]
       npm run new-stack -- --accounts <file.csv|file.json> [--from <stack>] [--force]

Writes stacks/Pulumi.<stack>.yaml (default name <account>-<region>) with the settings of --from (default dev).
Account-specific values are re-pointed to the new account and region and listed, or refused with a reason (a KMS
key, a secret). --accounts takes CSV rows account,region[,name] (an optional header line) or a JSON array of
{account, region, name?}; every row is checked before any file is written.
Options: --stacks-dir <dir> (default: the project's stacks/), --json (what was written, as JSON).
Exit status: 0 written, 2 bad input (nothing written).`;

function main(argv: string[]): number {
    const { values } = parseArgs({
        args: argv,
        options: {
            account: { type: "string" },
            region: { type: "string" },
            name: { type: "string" },
            accounts: { type: "string" },
            from: { type: "string", default: "dev" },
            force: { type: "boolean", default: false },
            "stacks-dir": { type: "string" },
            json: { type: "boolean", default: false },
            help: { type: "boolean", short: "h", default: false },
        },
        allowPositionals: false,
    });
    if (values.help) {
        console.log(USAGE);
        return 0;
    }
    const single = values.account !== undefined || values.region !== undefined || values.name !== undefined;
    let targets: StackTarget[] = [];
    const problems: TargetProblem[] = [];
    if (values.accounts !== undefined && single) {
        problems.push({ where: "arguments", field: "--accounts", value: values.accounts, rule: "creates stacks from a file: leave out --account, --region and --name" });
    } else if (values.accounts !== undefined) {
        const file = values.accounts as string;
        if (!fs.existsSync(file)) {
            problems.push({ where: "--accounts", field: "file", value: file, rule: "does not exist" });
        } else {
            const parsed = parseTargets(file, fs.readFileSync(file, "utf8"));
            targets = parsed.targets;
            problems.push(...parsed.problems);
        }
    } else if (single) {
        const checked = checkTarget("arguments", { account: values.account, region: values.region, name: values.name });
        problems.push(...checked.problems);
        targets = checked.target ? [checked.target] : [];
    } else {
        throw new Error("give --account and --region, or --accounts <file>");
    }
    // Every problem at once: the rows' own, then those of the rows that were sound (existing files, refused values).
    const planned = targets.length > 0 ? planNewStacks({ root: REPO_ROOT, targets, from: values.from as string, stacksDir: values["stacks-dir"] as string | undefined, force: values.force as boolean }) : { files: [], problems: [] };
    problems.push(...planned.problems);
    if (problems.length === 0) {
        writeStackFiles(planned.files);
        if (values.json) {
            console.log(
                JSON.stringify({ written: planned.files.map(({ stack, file, changes, kept, examples, policyGroup }) => ({ stack, file, changes, kept, examples, policyGroup: policyGroup ?? null })) }, null, 2),
            );
        } else {
            for (const file of planned.files) {
                console.log(`wrote ${path.relative(process.cwd(), file.file)} (from ${values.from})`);
                console.log(file.policyGroup ? `    policy group ${file.policyGroup.group}: runs with ${file.policyGroup.file}, as ${values.from} does` : "    policy group: none (as the source)");
                for (const change of file.changes) {
                    console.log(`    re-pointed ${change}`);
                }
                for (const kept of file.kept) {
                    console.log(`    kept ${kept}`);
                }
                if (file.examples.length > 0) {
                    console.log(`    still example values, replace before pulumi up (the file keeps ${values.from}'s EXAMPLE VALUES header): ${file.examples.join("; ")}`);
                }
            }
        }
        return 0;
    }
    if (values.json) {
        console.log(JSON.stringify({ written: [], problems }, null, 2));
    } else {
        console.error(`error: nothing written; ${problems.length} problem${problems.length === 1 ? "" : "s"}:`);
        for (const problem of problems) {
            console.error(`    ${formatTargetProblem(problem)}`);
        }
    }
    return 2;
}

try {
    exitAfterOutput(main(process.argv.slice(2)));
} catch (error) {
    console.error(`error: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    exitAfterOutput(2);
}
