import { parseArgs } from "util";
import { evaluateRow, evaluateRows, RowVerdict } from "./access/evaluate";
import { leastPrivilegeRows } from "./access/leastPrivilege";
import { accessRows, matrixSubject } from "./access/rows";
import { dropSourceMappedStacks } from "./offline/fastStacks";
import { planStack } from "./offline/plan";

const USAGE = `usage: npm run access-matrix -- --stack <name> [--markdown] [-c key=value ...]

Evaluates the bucket and key policies the stack generates with a real IAM evaluator and prints who may do what.
Exit status: 0 when every row has the verdict the matrix promises, 1 otherwise, 2 on bad arguments or config.`;

async function main(argv: string[]): Promise<number> {
    const { values } = parseArgs({
        args: argv,
        options: {
            stack: { type: "string", short: "s", default: "dev" },
            markdown: { type: "boolean", default: false },
            config: { type: "string", short: "c", multiple: true, default: [] },
            help: { type: "boolean", short: "h", default: false },
        },
    });
    if (values.help) {
        console.log(USAGE);
        return 0;
    }
    dropSourceMappedStacks();
    const subject = matrixSubject(await planStack({ stack: values.stack as string, overrides: values.config as string[], asDeployed: true }));
    const verdicts: RowVerdict[] = [];
    for (const row of accessRows(subject)) {
        verdicts.push(await evaluateRow(subject, row));
    }
    // Every changing S3 action for each reader and writer holding s3:*: one family, evaluated with policies validated once.
    verdicts.push(...(await evaluateRows(subject, await leastPrivilegeRows(subject))));
    const ok = (verdict: RowVerdict): boolean => verdict.actual === verdict.row.expected && verdict.ignoredContextKeys.length === 0;
    const cells = verdicts.map((verdict) => [
        verdict.row.principal,
        verdict.row.what,
        verdict.row.action,
        verdict.row.resource.replace(`arn:${subject.partition}:s3:::${subject.bucketName}`, "bucket"),
        Object.entries(verdict.row.context)
            .map(([key, value]) => `${key}=${value}`)
            .join(", ") + (verdict.row.identityPolicy ? "; own policy allows it" : ""),
        verdict.actual + (verdict.row.dependsOnEncryptionContext ? " †" : ""),
        ok(verdict) ? "as promised" : `EXPECTED ${verdict.row.expected}`,
    ]);
    const header = ["principal", "what", "action", "resource", "request context", "verdict", "check"];
    if (values.markdown) {
        console.log(`# Access matrix: stack ${subject.stack} (${subject.bucketName})\n`);
        console.log(`| ${header.join(" | ")} |\n|${header.map(() => "---").join("|")}|`);
        for (const row of cells) {
            console.log(`| ${row.map((cell) => cell.replace(/\|/g, "\\|")).join(" | ")} |`);
        }
        console.log("\n† evaluated with runUnsafeSimulation over a validated policy: runSimulation ignores kms:EncryptionContext conditions.");
    } else {
        console.log(`Access matrix for stack ${subject.stack}: ${subject.bucketName}\n`);
        for (const row of cells) {
            console.log(`${row[5].padEnd(18)} ${row[0]}  ${row[2]}  ${row[3]}\n${"".padEnd(19)}${row[1]}${row[6] === "as promised" ? "" : `  ← ${row[6]}`}`);
        }
    }
    const failed = verdicts.filter((verdict) => !ok(verdict));
    console.log(`\n${verdicts.length - failed.length} of ${verdicts.length} rows as promised`);
    return failed.length > 0 ? 1 : 0;
}

// exitCode, not exit(): exiting at once would cut a long matrix short in a pipe.
main(process.argv.slice(2)).then(
    (code) => {
        process.exitCode = code;
    },
    (error) => {
        console.error(`error: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
        process.exit(2);
    },
);
