import { PACKAGE_ROOT } from "./launch/packageRoot";
import { parseArgs } from "util";
import { PROJECT_PACK_DIR, ensurePackBuilt, readPolicyConfig } from "./policy/packDir";
import { spawnPack, takeEarlyPack } from "./policy/spawnPack";
import { loadStackConfig } from "./stackConfig";
import { exitAfterOutput } from "./launch/exitAfterOutput";

const REPO_ROOT = PACKAGE_ROOT;

const USAGE = `usage: npm run verify -- --stack <name> [--json] [--endpoint-url <url>] [--policy-config <file>] [--max-age-hours <n>]

Reads the stack's deployed bucket (and key, and the account's public access block) with read-only AWS calls, runs the
policy pack over what is deployed, compares it setting by setting with what the stack's program would create, and
checks that CloudTrail and Config deliveries are arriving. Credentials: the AWS SDK's standard chain.
Exit status: 0 everything holds, 1 drift, a mandatory violation or a delivery finding, 2 bad input, no credentials,
access denied or a bucket that does not exist.`;

interface Parsed {
    stack: string;
    json: boolean;
    endpoint?: string;
    policyConfig?: string;
    maxAgeHours: number;
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
            help: { type: "boolean", short: "h", default: false },
        },
        allowPositionals: false,
    });
    if (values.help) {
        return "help";
    }
    if (!values.stack) {
        throw new Error("--stack is required: name the stack to verify (e.g. --stack prod)");
    }
    const hours = Number(values["max-age-hours"]);
    if (!Number.isFinite(hours) || hours <= 0) {
        throw new Error(`--max-age-hours "${values["max-age-hours"]}" must be a positive number of hours`);
    }
    return { stack: values.stack, json: values.json as boolean, endpoint: values["endpoint-url"], policyConfig: values["policy-config"], maxAgeHours: hours };
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
        loadStackConfig(REPO_ROOT, args.stack);
        policyConfig = readPolicyConfig(args.policyConfig);
    } catch (error) {
        return fail(args.json, args.stack, (error as Error).message);
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
        const { runVerify } = await import("./verify/run");
        const { renderReport } = await import("./verify/render");
        const document = await runVerify({ stack: args.stack, endpoint, maxAgeHours: args.maxAgeHours, pack, policyConfig });
        console.log(args.json ? JSON.stringify(document, null, 2) : renderReport(document));
        return document.summary.ok ? 0 : 1;
    } catch (error) {
        return fail(args.json, args.stack, error instanceof Error ? error.message : String(error), (error as { problems?: unknown }).problems);
    } finally {
        if (pack.child.exitCode === null && pack.child.signalCode === null) {
            pack.child.kill("SIGKILL");
        }
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
