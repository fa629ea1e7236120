import * as fs from "fs";
import * as path from "path";
import { PACKAGE_ROOT } from "./launch/packageRoot";
import { readStackExport } from "./policy/stackExport";
import { parseArgs } from "util";
import { PROJECT_PACK_DIR, ensurePackBuilt, readPolicyConfig } from "./policy/packDir";
import { spawnPack, takeEarlyPack } from "./policy/spawnPack";
import { loadStackConfig } from "./stackConfig";
import { exitAfterOutput } from "./launch/exitAfterOutput";

const REPO_ROOT = PACKAGE_ROOT;

const USAGE = `usage: npm run verify -- --stack <name> [--json] [--endpoint-url <url>] [--policy-config <file>] [--max-age-hours <n>]
           [--vault-role-name <name>] [--integrity [--from <ISO time>] [--to <ISO time>] [--concurrency <n>]]
       npm run verify -- --all [--role-name <name>] [--vault-role-name <name>] [--concurrency <n>] [--integrity ...] [--stacks-dir <dir>] [--json]
       npm run verify -- --print-iam-policy --stack <name> [--vault-role-name <name>]
       npm run verify -- --bucket <name> [--region <region>] [--state <stack-export.json> | --program <dir> --stack <name>]
           [--json] [--endpoint-url <url>] [--policy-config <file>] [--max-age-hours <n>]

Reads the stack's deployed bucket (and key, and the account's public access block) with read-only AWS calls, runs the
policy pack over what is deployed, compares it setting by setting with what the stack's program would create, and
checks that CloudTrail and Config deliveries are arriving. Credentials: the AWS SDK's standard chain.
A stack with a vault (vaultRegion) has its vault read too: its settings, key and drift, its Object Lock default
retention against vaultObjectLockMode/vaultObjectLockDays, and the replication of each prefix's 10 newest objects
(x-amz-replication-status on the source, the replica in the vault). A vault in another account is read through
sts:AssumeRole on arn:<partition>:iam::<vault account>:role/<--vault-role-name>; without it, it is reported as not read.
--integrity also validates every CloudTrail digest chain and log file in the window (default: 25 h ago to 1 h ago),
16 requests in flight (--concurrency). --all verifies every stack of stacks/, each through sts:AssumeRole on
arn:<partition>:iam::<account>:role/<--role-name, default AuditVerifier> unless the caller is already that account,
8 stacks at once (--concurrency). --print-iam-policy prints the verifier's policy for the stack's own names.
Exit status: 0 everything holds, 1 drift, a mandatory violation, a delivery, vault or integrity finding, 2 bad input,
no credentials, access denied, a bucket that does not exist, or a vault that could not be read (the document is still
printed whole; with --all: the worst of the stacks).
--bucket verifies one bucket of any program: hardening (the pack over the live bucket, its key and the account's
public access block) and the CloudTrail and Config deliveries its bucket policy admits; drift is measured against the
bucket's resources in --state (a pulumi stack export) or in the plan of --program <dir> --stack <name>, when given.
Its region: --region, else the stack's aws:region, else AWS_REGION.`;

interface Parsed {
    stack: string;
    json: boolean;
    endpoint?: string;
    policyConfig?: string;
    maxAgeHours: number;
    integrity?: { from: Date; to: Date; concurrency?: number };
    all?: { roleName: string; concurrency: number; stacksDir?: string };
    vaultRoleName?: string;
    printIamPolicy: boolean;
    bucket?: { name: string; region?: string; state?: string; program?: string };
}

/** A positive whole number of a flag, or an error naming the flag, the value and the rule. */
function positiveInteger(flag: string, value: string | undefined): number | undefined {
    if (value === undefined) {
        return undefined;
    }
    const number = Number(value);
    if (!Number.isInteger(number) || number <= 0) {
        throw new Error(`--${flag} "${value}" must be a positive whole number`);
    }
    return number;
}

/** An ISO time of a flag, or an error naming the flag and the value. */
function isoTime(flag: string, value: string | undefined, fallback: Date): Date {
    if (value === undefined) {
        return fallback;
    }
    const time = new Date(value);
    if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(time.getTime())) {
        throw new Error(`--${flag} "${value}" must be an ISO time, e.g. 2026-03-04T00:00:00Z`);
    }
    return time;
}

function parse(argv: string[]): Parsed | "help" {
    const { values } = parseArgs({
        args: argv,
        options: {
            stack: { type: "string", short: "s" },
            json: { type: "boolean", default: false },
            "endpoint-url": { type: "string" },
            "policy-config": { type: "string" },
            "max-age-hours": { type: "string", default: "24" },
            integrity: { type: "boolean", default: false },
            from: { type: "string" },
            to: { type: "string" },
            concurrency: { type: "string" },
            all: { type: "boolean", default: false },
            "role-name": { type: "string", default: "AuditVerifier" },
            "vault-role-name": { type: "string" },
            "stacks-dir": { type: "string" },
            "print-iam-policy": { type: "boolean", default: false },
            bucket: { type: "string" },
            region: { type: "string" },
            state: { type: "string" },
            program: { type: "string" },
            help: { type: "boolean", short: "h", default: false },
        },
        allowPositionals: false,
    });
    if (values.help) {
        return "help";
    }
    if (values.bucket !== undefined) {
        return parseBucket(values);
    }
    const vaultRoleName = values["vault-role-name"];
    // IAM's rule for a role name: 1 to 64 of letters, digits and +=,.@_-.
    if (vaultRoleName !== undefined && !/^[\w+=,.@-]{1,64}$/.test(vaultRoleName)) {
        throw new Error(`--vault-role-name "${vaultRoleName}" is not an IAM role name: 1 to 64 letters, digits and +=,.@_-`);
    }
    for (const flag of ["region", "state", "program"] as const) {
        if (values[flag] !== undefined) {
            throw new Error(`--${flag} goes with --bucket <name>: add --bucket, or leave out --${flag}`);
        }
    }
    if (values.all && values.stack) {
        throw new Error(`--all verifies every stack: leave out --stack ${values.stack}`);
    }
    if (!values.stack && !values.all) {
        throw new Error("--stack is required: name the stack to verify (e.g. --stack prod), or give --all, or --bucket <name>");
    }
    const hours = Number(values["max-age-hours"]);
    if (!Number.isFinite(hours) || hours <= 0) {
        throw new Error(`--max-age-hours "${values["max-age-hours"]}" must be a positive number of hours`);
    }
    if (!values.integrity && (values.from || values.to)) {
        throw new Error("--from and --to set the window of --integrity: add --integrity");
    }
    const concurrency = positiveInteger("concurrency", values.concurrency);
    if (concurrency !== undefined && !values.integrity && !values.all) {
        throw new Error(`--concurrency ${concurrency} sets the requests of --integrity or the stacks of --all: add one of them`);
    }
    if (values["print-iam-policy"] && (values.all || values.integrity)) {
        throw new Error("--print-iam-policy prints one stack's policy: leave out --all and --integrity");
    }
    let integrity: Parsed["integrity"];
    if (values.integrity) {
        const now = Date.now();
        const from = isoTime("from", values.from, new Date(now - 25 * 3600 * 1000));
        const to = isoTime("to", values.to, new Date(now - 3600 * 1000));
        if (from.getTime() >= to.getTime()) {
            throw new Error(`--from ${from.toISOString()} must be before --to ${to.toISOString()}`);
        }
        // With --all, --concurrency is the number of stacks at once; each stack's validation keeps its default.
        integrity = { from, to, concurrency: values.all ? undefined : concurrency };
    }
    const all = values.all ? { roleName: values["role-name"] as string, concurrency: concurrency ?? 8, stacksDir: values["stacks-dir"] } : undefined;
    return { stack: values.stack ?? "", json: values.json as boolean, endpoint: values["endpoint-url"], policyConfig: values["policy-config"], maxAgeHours: hours, integrity, all, vaultRoleName, printIamPolicy: values["print-iam-policy"] as boolean };
}

/** `--bucket <name>` and what may come with it; every other mode's flags are refused by name. */
function parseBucket(values: Record<string, string | boolean | undefined>): Parsed {
    const name = values.bucket as string;
    // S3's naming rule, in the form the verifier needs before any call: 3 to 63 lowercase letters, digits, dots, hyphens.
    if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(name)) {
        throw new Error(`--bucket "${name}" is not a bucket name: 3 to 63 lowercase letters, digits, dots and hyphens`);
    }
    for (const flag of ["all", "integrity", "print-iam-policy"] as const) {
        if (values[flag]) {
            throw new Error(`--bucket verifies one bucket: leave out --${flag}`);
        }
    }
    for (const flag of ["from", "to", "concurrency", "stacks-dir", "vault-role-name"] as const) {
        if (values[flag] !== undefined) {
            throw new Error(`--${flag} does not go with --bucket: leave it out`);
        }
    }
    if (values.state !== undefined && values.program !== undefined) {
        throw new Error("--state and --program both give what to measure drift against: give one of them");
    }
    if (values.program !== undefined && !values.stack) {
        throw new Error(`--program ${values.program} needs --stack <name>: the stack whose config the program is planned with`);
    }
    if (values.stack && values.program === undefined) {
        throw new Error(`--stack ${values.stack} with --bucket needs --program <dir>: the program of that stack`);
    }
    if (values.region !== undefined && !/^[a-z]{2}(-[a-z]+)+-\d+$/.test(values.region as string)) {
        throw new Error(`--region "${values.region}" is not a region name, e.g. us-east-1`);
    }
    const hours = Number(values["max-age-hours"]);
    if (!Number.isFinite(hours) || hours <= 0) {
        throw new Error(`--max-age-hours "${values["max-age-hours"]}" must be a positive number of hours`);
    }
    return {
        stack: (values.stack as string | undefined) ?? "",
        json: values.json as boolean,
        endpoint: values["endpoint-url"] as string | undefined,
        policyConfig: values["policy-config"] as string | undefined,
        maxAgeHours: hours,
        printIamPolicy: false,
        bucket: { name, region: values.region as string | undefined, state: values.state as string | undefined, program: values.program as string | undefined },
    };
}

async function main(argv: string[]): Promise<number> {
    const json = argv.includes("--json");
    if (json) {
        // The SDK's Node version notice goes to stderr as a warning; machine-readable runs keep it quiet.
        process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
    }
    let args: Parsed | "help";
    try {
        args = parse(argv);
    } catch (error) {
        return fail(json, undefined, `${(error as Error).message}\n\n${USAGE}`);
    }
    if (args === "help") {
        console.log(USAGE);
        return 0;
    }
    const { chooseEndpoint, checkEndpoint } = await import("./verify/clients");
    const endpoint = chooseEndpoint(args.endpoint);
    let policyConfig: ReturnType<typeof readPolicyConfig>;
    try {
        // Bad input fails before anything starts: the endpoint's form, the stack's config file, the policy config.
        checkEndpoint(endpoint);
        if (args.bucket) {
            checkBucketInputs(args.bucket, args.stack);
        } else if (!args.all) {
            loadStackConfig(REPO_ROOT, args.stack);
        }
        policyConfig = readPolicyConfig(args.policyConfig);
    } catch (error) {
        return fail(args.json, args.stack, (error as Error).message);
    }
    if (args.printIamPolicy) {
        // No AWS call and no verdicts: the pack the preload may have started is not needed.
        takeEarlyPack(PROJECT_PACK_DIR)?.child.kill("SIGKILL");
        const { planStack } = await import("./offline/plan");
        const { stackIamPolicy } = await import("./verify/integrity/policy");
        console.log(JSON.stringify(stackIamPolicy(await planStack({ stack: args.stack }), { vaultRoleName: args.vaultRoleName }), null, 4));
        return 0;
    }
    // The pack starts first (from the preload, when package.json runs one, as for the preview): it is independent
    // of the plan and the AWS calls until the verdicts are asked for.
    const early = takeEarlyPack(PROJECT_PACK_DIR);
    const rebuilt = ensurePackBuilt(PROJECT_PACK_DIR);
    if (early && rebuilt) {
        early.child.kill("SIGKILL");
    }
    const pack = early && !rebuilt ? early : spawnPack(PROJECT_PACK_DIR);
    try {
        if (args.all) {
            const { verifyAll, renderFleet } = await import("./verify/integrity/fleet");
            const fleet = await verifyAll({ pack, policyConfig, endpoint, roleName: args.all.roleName, vaultRoleName: args.vaultRoleName, concurrency: args.all.concurrency, maxAgeHours: args.maxAgeHours, integrity: args.integrity, stacksDir: args.all.stacksDir });
            console.log(args.json ? JSON.stringify(fleet, null, 2) : renderFleet(fleet));
            return fleet.summary.exitCode;
        }
        if (args.bucket) {
            const { runVerifyBucket } = await import("./verify/run");
            const { renderReport } = await import("./verify/render");
            const { name, region, state, program } = args.bucket;
            const document = await runVerifyBucket({ bucket: name, region, state, program: program ? { root: path.resolve(program), stack: args.stack } : undefined, endpoint, maxAgeHours: args.maxAgeHours, pack, policyConfig });
            console.log(args.json ? JSON.stringify(document, null, 2) : renderReport(document));
            return document.summary.ok ? 0 : 1;
        }
        const { runVerify, runVerifyIntegrity, exitStatus } = await import("./verify/run");
        const { renderReport } = await import("./verify/render");
        const options = { stack: args.stack, endpoint, maxAgeHours: args.maxAgeHours, vaultRoleName: args.vaultRoleName, pack, policyConfig };
        if (args.integrity) {
            const { renderWithIntegrity } = await import("./verify/integrity/stack");
            const checked = await runVerifyIntegrity({ ...options, integrity: args.integrity });
            console.log(args.json ? JSON.stringify(checked, null, 2) : renderWithIntegrity(renderReport(checked), checked));
            return exitStatus(checked);
        }
        const document = await runVerify(options);
        console.log(args.json ? JSON.stringify(document, null, 2) : renderReport(document));
        return exitStatus(document);
    } catch (error) {
        return fail(args.json, args.stack, error instanceof Error ? error.message : String(error), (error as { problems?: unknown }).problems);
    } finally {
        if (pack.child.exitCode === null && pack.child.signalCode === null) {
            pack.child.kill("SIGKILL");
        }
    }
}

/** The export or the program's stack files exist and read, before the pack or any AWS call starts. */
function checkBucketInputs(bucket: NonNullable<Parsed["bucket"]>, stack: string): void {
    if (bucket.state !== undefined) {
        readStackExport(bucket.state);
    }
    if (bucket.program !== undefined) {
        const root = path.resolve(bucket.program);
        if (!fs.existsSync(path.join(root, "Pulumi.yaml"))) {
            throw new Error(`--program ${bucket.program} is not a Pulumi program: it has no Pulumi.yaml`);
        }
        loadStackConfig(root, stack);
    }
}

function fail(json: boolean, stack: string | undefined, message: string, problems?: unknown): number {
    if (json) {
        console.log(JSON.stringify({ stack, error: { message, problems } }, null, 2));
    } else {
        console.error(`error: ${message}`);
    }
    return 2;
}

main(process.argv.slice(2)).then(
    (code) => exitAfterOutput(code),
    (error) => {
        console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
        exitAfterOutput(2);
    },
);
