import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseArgs } from "util";
import { AuditLogBucket } from "../components/auditLogBucket";
import { runUnderMocks } from "./offline/capture";
import { REPO_ROOT } from "./offline/plan";
import { AnalyzerResource, PolicyPackProcess, analyzeResources } from "./policy/analyzer";
import { writeAuditExport } from "./bench/auditExports";
import { benchIntegrity, integrityLines } from "./bench/integrity";
import { scriptNodeArgs, writeNoopPack } from "./bench/scripts";
import { analyzerResource } from "./policy/fromPlan";
import { PROJECT_PACK_DIR, ensurePackBuilt } from "./policy/packDir";
import { planNewStacks, writeStackFiles } from "./newStack/create";
import { formatTargetProblem } from "./newStack/targets";

const USAGE = `usage: npm run bench -- [--reps N] [--json] [--skip-suite] [--skip-awsguard] [--only-integrity]

Measures, in one run and alternating the contenders: the offline plan of the prod stack against the default
TypeScript way and a bare node floor; preview --all over 50 generated stacks against one single-stack preview;
the plan's growth with component instances; policy verdicts per resource
through the real protocol; the pack's start-up; npm run audit of 1 and 100 buckets against bare node loading
@pulumi/policy; verify --integrity of a generated day against downloading and hashing the same objects
(--only-integrity: that section alone); the test suite's wall time. Ratios are against baselines measured
in the same run.`;

const BENCH_DIR = path.join(REPO_ROOT, ".bench");
const NODE = process.execPath;
const TS_NODE_FAST = ["-r", "ts-node/register/transpile-only"];
/** What `npm run preview` and `npm run audit` run, read from package.json. */
const PREVIEW = scriptNodeArgs(REPO_ROOT, "preview");
const AUDIT = scriptNodeArgs(REPO_ROOT, "audit");
const FLEET_SIZE = 50;

/** FLEET_SIZE stacks made from prod by new-stack's own logic, in a directory of their own. */
function fleetStacks(): string {
    const dir = path.join(BENCH_DIR, "fleet");
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    fs.copyFileSync(path.join(REPO_ROOT, "stacks", "Pulumi.prod.yaml"), path.join(dir, "Pulumi.prod.yaml"));
    // Not us-west-2: prod's vault lives there, and new-stack refuses a vault in the bucket's own region.
    const regions = ["us-east-1", "eu-west-1", "eu-central-1", "ca-central-1", "ap-southeast-2"];
    const targets = Array.from({ length: FLEET_SIZE }, (_, index) => {
        const account = String(400000000000 + Math.floor(index / regions.length));
        const region = regions[index % regions.length];
        return { account, region, name: `${account}-${region}` };
    });
    const planned = planNewStacks({ root: REPO_ROOT, targets, from: "prod", stacksDir: dir });
    if (planned.problems.length > 0) {
        throw new Error(`could not generate the fleet: ${planned.problems.map((problem) => formatTargetProblem(problem)).join("; ")}`);
    }
    writeStackFiles(planned.files);
    fs.rmSync(path.join(dir, "Pulumi.prod.yaml"));
    return dir;
}
const TS_NODE_CHECKED = ["-r", "ts-node/register"];

interface Stats {
    min: number;
    median: number;
    max: number;
    samples: number[];
}

function stats(samples: number[]): Stats {
    const sorted = [...samples].sort((a, b) => a - b);
    return { min: sorted[0], median: sorted[Math.floor(sorted.length / 2)], max: sorted[sorted.length - 1], samples };
}

/** Runs node with `args`, timing it; peak RSS is GNU time's: the largest of the process and its children. */
function timed(args: string[]): { ms: number; stdout: string; peakRssKb: number } {
    const started = process.hrtime.bigint();
    const result = spawnSync("/usr/bin/time", ["-f", "peak-rss-kb %M", NODE, ...args], { cwd: REPO_ROOT, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (result.status !== 0 && result.status !== 1) {
        throw new Error(`node ${args.join(" ")} exited ${result.status}: ${result.stderr.slice(-2000)}`);
    }
    const peakRssKb = Number(/peak-rss-kb (\d+)/.exec(result.stderr)?.[1] ?? NaN);
    return { ms, stdout: result.stdout, peakRssKb };
}

/** The project's pack as TypeScript, the way `pulumi new` lays out a policy pack (main: index.ts). */
function typeScriptPack(): string {
    const dir = path.join(BENCH_DIR, "ts-pack");
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    // Every TypeScript file at the pack's top (index.ts imports library.ts, which imports policies.ts), so a new one
    // is never left behind.
    const sources = fs.readdirSync(PROJECT_PACK_DIR).filter((name) => name.endsWith(".ts") && !name.endsWith(".d.ts"));
    for (const entry of [...sources, "lib", "rules", "PulumiPolicy.yaml", "tsconfig.json"]) {
        fs.cpSync(path.join(PROJECT_PACK_DIR, entry), path.join(dir, entry), { recursive: true });
    }
    const pkg = JSON.parse(fs.readFileSync(path.join(PROJECT_PACK_DIR, "package.json"), "utf8"));
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ ...pkg, main: "index.ts" }, null, 2));
    return dir;
}

/** @pulumi/awsguard as a pack, when it installs beside @pulumi/aws v7; the reason when it does not. */
function awsguardPack(): { dir?: string; note: string } {
    const dir = path.join(BENCH_DIR, "awsguard-pack");
    if (!fs.existsSync(path.join(dir, "node_modules", "@pulumi", "awsguard"))) {
        fs.mkdirSync(dir, { recursive: true });
        fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "awsguard-bench", version: "0.0.1", main: "index.js" }));
        const install = spawnSync("npm", ["install", "--no-audit", "--no-fund", "--ignore-scripts", "@pulumi/awsguard@0.3.1", "@pulumi/aws@7", "@pulumi/policy@1.21", "@pulumi/pulumi@3"], {
            cwd: dir,
            encoding: "utf8",
            timeout: 300_000,
        });
        if (install.status !== 0) {
            return { note: `@pulumi/awsguard did not install beside @pulumi/aws v7: ${install.stderr.split("\n").slice(-5).join(" ")}` };
        }
    }
    fs.writeFileSync(path.join(dir, "index.js"), 'const { AwsGuard } = require("@pulumi/awsguard");\nnew AwsGuard({ all: "mandatory" });\n');
    fs.writeFileSync(path.join(dir, "PulumiPolicy.yaml"), "runtime: nodejs\n");
    const nested = fs.existsSync(path.join(dir, "node_modules", "@pulumi", "awsguard", "node_modules", "@pulumi", "aws"));
    return {
        dir,
        note: `@pulumi/awsguard 0.3.1 installs only by nesting its own @pulumi/aws ${nested ? JSON.parse(fs.readFileSync(path.join(dir, "node_modules/@pulumi/awsguard/node_modules/@pulumi/aws/package.json"), "utf8")).version : "v4"}; its S3 rule reads v4's inline bucket.loggings, so it flags every v7 bucket (logging lives in BucketLogging) and checks none of the split resources`,
    };
}

async function planResources(buckets: number): Promise<AnalyzerResource[]> {
    const run = await runUnderMocks({ project: "bench", stack: "bench", config: {}, identity: { accountId: "100000000000", region: "us-east-1" } }, () => {
        for (let index = 0; index < buckets; index++) {
            const accountId = String(100000000000 + index);
            new AuditLogBucket(`logs-${index}`, { accountId, region: "us-east-1", encryption: "SSE_KMS", readerArns: [`arn:aws:iam::${accountId}:role/SecurityAuditor`] });
        }
    });
    return run.resources.map(analyzerResource);
}

/** The driver's own path (the Analyze calls in flight together, then AnalyzeStack), as the preview and audit run it. */
async function verdictsMs(pack: PolicyPackProcess, resources: AnalyzerResource[]): Promise<number> {
    const started = process.hrtime.bigint();
    await pack.configureStack({ project: "bench", stack: "bench", dryRun: true });
    const info = await pack.info();
    await analyzeResources(pack, info, resources, {});
    return Number(process.hrtime.bigint() - started) / 1e6;
}

/** `npm run audit` of a stack export, exactly as package.json runs it, with the project's pack or another. */
function auditRun(file: string, packDir?: string): number {
    const run = timed([...AUDIT, "--state", file, "--json", ...(packDir ? ["--policy-pack", packDir] : [])]);
    if (JSON.parse(run.stdout).summary.resources === 0) {
        throw new Error(`the audit of ${file} read no resources`);
    }
    return run.ms;
}

/** The pack's start-up with Node's compile cache switched off (NODE_DISABLE_COMPILE_CACHE, which the pack inherits). */
async function startupWithoutCompileCacheMs(dir: string): Promise<number> {
    const previous = process.env.NODE_DISABLE_COMPILE_CACHE;
    process.env.NODE_DISABLE_COMPILE_CACHE = "1";
    try {
        return await startupMs(dir);
    } finally {
        if (previous === undefined) {
            delete process.env.NODE_DISABLE_COMPILE_CACHE;
        } else {
            process.env.NODE_DISABLE_COMPILE_CACHE = previous;
        }
    }
}

async function startupMs(dir: string): Promise<number> {
    const started = process.hrtime.bigint();
    const pack = await PolicyPackProcess.start(dir, { startTimeoutMs: 60_000 });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    pack.close();
    return ms;
}

async function main(argv: string[]): Promise<void> {
    const { values } = parseArgs({
        args: argv,
        options: {
            reps: { type: "string", default: "5" },
            json: { type: "boolean", default: false },
            "skip-suite": { type: "boolean", default: false },
            "skip-awsguard": { type: "boolean", default: false },
            "only-integrity": { type: "boolean", default: false },
            help: { type: "boolean", short: "h", default: false },
        },
    });
    if (values.help) {
        console.log(USAGE);
        return;
    }
    const reps = Number(values.reps);
    if (values["only-integrity"]) {
        const integrity = await benchIntegrity(reps);
        const row = (label: string, s: Stats, extra = ""): string => `  ${label.padEnd(58)} ${s.min.toFixed(1).padStart(9)} ${s.median.toFixed(1).padStart(9)} ${s.max.toFixed(1).padStart(9)}  ${extra}`;
        console.log(values.json ? JSON.stringify({ reps, integrity }, null, 2) : integrityLines(integrity, row).join("\n"));
        return;
    }
    ensurePackBuilt(PROJECT_PACK_DIR);
    const tsPack = typeScriptPack();
    const log = (line: string): void => {
        if (!values.json) {
            process.stderr.write(`${line}\n`);
        }
    };

    // 1. The offline plan of the prod stack, three ways, alternating.
    log("offline plan of the prod stack...");
    const plan = { ours: [] as number[], tsNode: [] as number[], baseline: [] as number[], floor: [] as number[], rssKb: [] as number[], baselineRssKb: [] as number[] };
    const prod = ["--stack", "prod", "--json"];
    // The script with ts-node's transpile-only preload in place of the transpile cache: how it ran before the cache.
    const tsNodeWay = PREVIEW.map((arg) => (arg === "./tools/launch/transpileCache.js" ? "ts-node/register/transpile-only" : arg));
    // One untimed run fills the transpile cache, as any earlier run on the machine would have.
    timed([...PREVIEW, ...prod]);
    for (let rep = 0; rep < reps; rep++) {
        // Exactly what `npm run preview -- --stack prod --json` runs.
        const ours = timed([...PREVIEW, ...prod]);
        if (JSON.parse(ours.stdout).resources.length === 0) {
            throw new Error("the preview planned no resources");
        }
        plan.ours.push(ours.ms);
        plan.rssKb.push(ours.peakRssKb);
        const tsNode = timed([...tsNodeWay, ...prod]);
        plan.tsNode.push(tsNode.ms);
        plan.rssKb.push(tsNode.peakRssKb);
        const baseline = timed([...TS_NODE_CHECKED, "tools/bench/planOnce.ts", "--stack", "prod", "--pack", tsPack]);
        plan.baseline.push(baseline.ms);
        plan.baselineRssKb.push(baseline.peakRssKb);
        plan.floor.push(timed(["-e", 'require("@pulumi/pulumi")']).ms);
    }

    // 1b. A fleet: preview --all over FLEET_SIZE generated stacks against one single-stack preview, alternating.
    log(`preview --all over ${FLEET_SIZE} stacks...`);
    const fleetDir = fleetStacks();
    const fleet = { all: [] as number[], single: [] as number[], rssKb: [] as number[] };
    for (let rep = 0; rep < reps; rep++) {
        const all = timed([...PREVIEW, "--all", "--json", "--stacks-dir", fleetDir]);
        if (JSON.parse(all.stdout).stacks.length !== FLEET_SIZE) {
            throw new Error(`preview --all did not preview the ${FLEET_SIZE} stacks`);
        }
        fleet.all.push(all.ms);
        fleet.rssKb.push(all.peakRssKb);
        fleet.single.push(timed([...PREVIEW, ...prod]).ms);
    }

    // 2. Growth with component instances.
    log("plan growth with instances...");
    const counts = [1, 10, 50];
    const growth = new Map<number, number[]>(counts.map((count) => [count, []]));
    const growthResources = new Map<number, number>();
    for (let rep = 0; rep < reps; rep++) {
        for (const count of counts) {
            const report = JSON.parse(timed([...TS_NODE_FAST, "tools/bench/instances.ts", String(count)]).stdout);
            growth.get(count)?.push(report.ms);
            growthResources.set(count, report.resources);
        }
    }

    // 3. Policy verdicts through the real protocol, and the pack's start-up.
    log("policy verdicts and pack start-up...");
    const sizes = [1, 20, 100];
    const resourcesBySize = new Map<number, AnalyzerResource[]>();
    for (const size of sizes) {
        resourcesBySize.set(size, await planResources(size));
    }
    const guard = values["skip-awsguard"] ? { note: "skipped (--skip-awsguard)" } : awsguardPack();
    const verdicts = new Map<string, number[]>();
    const startup = { compiled: [] as number[], uncached: [] as number[], typescript: [] as number[], floor: [] as number[], awsguard: [] as number[] };
    const ours = await PolicyPackProcess.start(PROJECT_PACK_DIR);
    const awsguard = guard.dir ? await PolicyPackProcess.start(guard.dir, { startTimeoutMs: 60_000 }) : undefined;
    try {
        for (let rep = 0; rep < reps; rep++) {
            for (const size of sizes) {
                const resources = resourcesBySize.get(size) as AnalyzerResource[];
                const key = `ours:${size}`;
                verdicts.set(key, [...(verdicts.get(key) ?? []), (await verdictsMs(ours, resources)) / resources.length]);
                if (awsguard) {
                    const guardKey = `awsguard:${size}`;
                    verdicts.set(guardKey, [...(verdicts.get(guardKey) ?? []), (await verdictsMs(awsguard, resources)) / resources.length]);
                }
            }
            startup.compiled.push(await startupMs(PROJECT_PACK_DIR));
            startup.uncached.push(await startupWithoutCompileCacheMs(PROJECT_PACK_DIR));
            startup.typescript.push(await startupMs(tsPack));
            startup.floor.push(timed(["-e", 'require("@pulumi/policy")']).ms);
            if (guard.dir) {
                startup.awsguard.push(await startupMs(guard.dir));
            }
        }
    } finally {
        ours.close();
        awsguard?.close();
    }

    // 3b. npm run audit: a 1-bucket export, a 100-bucket export and bare node loading @pulumi/policy, alternating; and
    // the protocol's own cost: the same two audits with a pack that checks nothing.
    log("npm run audit of 1 and 100 buckets...");
    const exports = { one: await writeAuditExport(path.join(BENCH_DIR, "audit"), 1), hundred: await writeAuditExport(path.join(BENCH_DIR, "audit"), 100) };
    const noopPack = writeNoopPack(path.join(BENCH_DIR, "noop-pack"));
    const audit = { one: [] as number[], hundred: [] as number[], floor: [] as number[], noopOne: [] as number[], noopHundred: [] as number[] };
    auditRun(exports.one.file);
    auditRun(exports.one.file, noopPack);
    for (let rep = 0; rep < reps; rep++) {
        audit.one.push(auditRun(exports.one.file));
        audit.hundred.push(auditRun(exports.hundred.file));
        audit.floor.push(timed(["-e", 'require("@pulumi/policy")']).ms);
        audit.noopOne.push(auditRun(exports.one.file, noopPack));
        audit.noopHundred.push(auditRun(exports.hundred.file, noopPack));
    }

    // 4. verify --integrity of a generated day, against downloading and hashing the same objects.
    log("verify --integrity of a generated day...");
    const integrity = await benchIntegrity(reps);

    // 5. The test suite.
    let suite: Stats | undefined;
    if (!values["skip-suite"]) {
        log("test suite...");
        const started = process.hrtime.bigint();
        spawnSync("npx", ["mocha"], { cwd: REPO_ROOT, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
        suite = stats([Number(process.hrtime.bigint() - started) / 1e6]);
    }

    const result = {
        machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.release()}` },
        reps,
        plan: {
            ours: stats(plan.ours),
            baselineTypeChecked: stats(plan.baseline),
            floorBareNodePulumi: stats(plan.floor),
            withTsNodePreload: stats(plan.tsNode),
            ratioToBaseline: stats(plan.ours).median / stats(plan.baseline).median,
            ratioToFloor: stats(plan.ours).median / stats(plan.floor).median,
            tsNodeRatioToFloor: stats(plan.tsNode).median / stats(plan.floor).median,
            peakRssMb: { ours: Math.max(...plan.rssKb) / 1024, baseline: Math.max(...plan.baselineRssKb) / 1024 },
        },
        fleet: {
            stacks: FLEET_SIZE,
            all: stats(fleet.all),
            single: stats(fleet.single),
            ratioToSingle: stats(fleet.all).median / stats(fleet.single).median,
            perExtraStackOfSingle: (stats(fleet.all).median - stats(fleet.single).median) / (FLEET_SIZE - 1) / stats(fleet.single).median,
            peakRssMb: Math.max(...fleet.rssKb) / 1024,
        },
        growth: counts.map((count) => {
            const s = stats(growth.get(count) as number[]);
            return { instances: count, resources: growthResources.get(count), ...s, perInstanceMs: s.median / count };
        }),
        verdicts: sizes.map((size) => {
            const mine = stats(verdicts.get(`ours:${size}`) as number[]);
            const theirs = verdicts.get(`awsguard:${size}`);
            return { buckets: size, resources: resourcesBySize.get(size)?.length, perResourceMs: mine, awsguardPerResourceMs: theirs ? stats(theirs) : undefined };
        }),
        packStartup: {
            compiledViaRunPolicyPack: stats(startup.compiled),
            compiledWithoutCompileCache: stats(startup.uncached),
            ratioToWithoutCompileCache: stats(startup.compiled).median / stats(startup.uncached).median,
            typeScriptViaRunPolicyPack: stats(startup.typescript),
            limitBareNodePolicy: stats(startup.floor),
            awsguard: startup.awsguard.length > 0 ? stats(startup.awsguard) : undefined,
            ratioToLimit: stats(startup.compiled).median / stats(startup.floor).median,
            ratioToTypeScript: stats(startup.compiled).median / stats(startup.typescript).median,
        },
        audit: {
            oneBucket: { resources: exports.one.resources, ...stats(audit.one) },
            hundredBuckets: { resources: exports.hundred.resources, ...stats(audit.hundred) },
            floorBareNodePolicy: stats(audit.floor),
            hundredToOne: stats(audit.hundred).median / stats(audit.one).median,
            msPerExtraResource: (stats(audit.hundred).median - stats(audit.one).median) / (exports.hundred.resources - exports.one.resources),
            oneToFloor: stats(audit.one).median / stats(audit.floor).median,
            noopPack: {
                oneBucket: stats(audit.noopOne),
                hundredBuckets: stats(audit.noopHundred),
                msPerExtraResource: (stats(audit.noopHundred).median - stats(audit.noopOne).median) / (exports.hundred.resources - exports.one.resources),
                hundredToOursOne: stats(audit.noopHundred).median / stats(audit.one).median,
            },
        },
        awsguard: guard.note,
        integrity,
        suiteMs: suite,
    };
    if (values.json) {
        console.log(JSON.stringify(result, null, 2));
        return;
    }
    const row = (label: string, s: Stats, extra = ""): string => `  ${label.padEnd(58)} ${s.min.toFixed(1).padStart(9)} ${s.median.toFixed(1).padStart(9)} ${s.max.toFixed(1).padStart(9)}  ${extra}`;
    const lines = [
        `machine: ${result.machine.cpus} × ${result.machine.cpu}, ${result.machine.memoryGb} GB, node ${result.machine.node}; ${reps} repetitions`,
        `  ${"".padEnd(58)} ${"min ms".padStart(9)} ${"median".padStart(9)} ${"max".padStart(9)}`,
        "offline plan of the prod stack (program under mocks + verdicts through the protocol)",
        row("ours: npm run preview (transpile cache, compiled pack)", result.plan.ours, `ratio to baseline ${result.plan.ratioToBaseline.toFixed(2)}, to floor ${result.plan.ratioToFloor.toFixed(2)} (goal 2.5)`),
        row("the same with ts-node's transpile-only preload", result.plan.withTsNodePreload, `ratio to floor ${result.plan.tsNodeRatioToFloor.toFixed(2)}`),
        row("baseline: ts-node type-checking, TypeScript pack", result.plan.baselineTypeChecked),
        row("floor: bare node loading @pulumi/pulumi", result.plan.floorBareNodePulumi),
        `  peak RSS (largest process of the run): ours ${result.plan.peakRssMb.ours.toFixed(0)} MB, baseline ${result.plan.peakRssMb.baseline.toFixed(0)} MB`,
        `preview --all over ${FLEET_SIZE} generated stacks (transpile-cache preload)`,
        row(`--all, ${FLEET_SIZE} stacks`, result.fleet.all, `ratio to one stack ${result.fleet.ratioToSingle.toFixed(2)}, ${result.fleet.perExtraStackOfSingle.toFixed(3)} of one per extra stack, peak RSS ${result.fleet.peakRssMb.toFixed(0)} MB`),
        row("one stack (prod)", result.fleet.single),
        "plan growth (instances in one program, under mocks)",
        ...result.growth.map((g) => row(`${g.instances} instances (${g.resources} resources)`, g, `${g.perInstanceMs.toFixed(1)} ms per instance`)),
        "policy verdicts through the protocol, per resource",
        ...result.verdicts.map((v) => row(`ours, ${v.buckets} buckets (${v.resources} resources)`, v.perResourceMs)),
        ...result.verdicts.filter((v) => v.awsguardPerResourceMs).map((v) => row(`@pulumi/awsguard, ${v.buckets} buckets`, v.awsguardPerResourceMs as Stats)),
        "policy pack start-up (spawn until the port is announced)",
        row("compiled pack via run-policy-pack", result.packStartup.compiledViaRunPolicyPack, `ratio to limit ${result.packStartup.ratioToLimit.toFixed(2)}, to TypeScript ${result.packStartup.ratioToTypeScript.toFixed(2)}`),
        row("the same without Node's compile cache", result.packStartup.compiledWithoutCompileCache, `ratio of the cached start to it ${result.packStartup.ratioToWithoutCompileCache.toFixed(2)}`),
        row("TypeScript pack via run-policy-pack (type-checked)", result.packStartup.typeScriptViaRunPolicyPack),
        row("limit: bare node loading @pulumi/policy", result.packStartup.limitBareNodePolicy),
        ...(result.packStartup.awsguard ? [row("@pulumi/awsguard pack", result.packStartup.awsguard)] : []),
        "npm run audit of a stack export (as package.json runs it)",
        row(`1 bucket (${result.audit.oneBucket.resources} resources)`, result.audit.oneBucket, `ratio to floor ${result.audit.oneToFloor.toFixed(2)} (goal 2.5)`),
        row(`100 buckets (${result.audit.hundredBuckets.resources} resources)`, result.audit.hundredBuckets, `ratio to 1 bucket ${result.audit.hundredToOne.toFixed(2)} (goal 1.5), ${result.audit.msPerExtraResource.toFixed(2)} ms per extra resource`),
        row("floor: bare node loading @pulumi/policy", result.audit.floorBareNodePolicy),
        row("the protocol alone: a pack that checks nothing, 1 bucket", result.audit.noopPack.oneBucket),
        row(
            "the protocol alone: a pack that checks nothing, 100 buckets",
            result.audit.noopPack.hundredBuckets,
            `ratio to our 1 bucket ${result.audit.noopPack.hundredToOursOne.toFixed(2)}, ${result.audit.noopPack.msPerExtraResource.toFixed(2)} ms per extra resource`,
        ),
        `awsguard: ${result.awsguard}`,
        ...integrityLines(result.integrity, row),
        ...(suite ? [row("test suite (npx mocha, once)", suite)] : []),
    ];
    console.log(lines.join("\n"));
}

main(process.argv.slice(2)).then(
    () => process.exit(0),
    (error) => {
        console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(2);
    },
);
