import * as fs from "fs";
import type { RegisteredResource } from "../offline/capture";
import { REPO_ROOT, StackPlan, planStack, programEntry } from "../offline/plan";
import { readStackExport } from "../policy/stackExport";
import { loadStackConfig } from "../stackConfig";
import { PendingPack, PolicyConfigFile, analyzeWithPack } from "../policy/analyzer";
import { Violation, summarize } from "../policy/violations";
import type { PackInfo } from "../policy/analyzer";
import { ClientOptions, createClients, destroyClients } from "./clients";
import { Delivery, DeliveryCheck, LogService, checkDeliveries } from "./deliveries";
import { Drift, computedValues, providerDefaultTags } from "./drift";
import { VerifyError } from "./errors";
import type { IntegrityDocument } from "./integrity/stack";
import { jsonList, mainBucket, markers, sourceAccounts } from "./planReading";
import { LiveReader } from "./read";
import { readSide } from "./side";
import { LiveStack, accountBlockProperties, analyzerResources } from "./translate";
import { plannedVault } from "./vault";
import { VaultInspection, VaultSection, inspectVault } from "./vaultCheck";

/** The document `npm run verify -- --json` prints. */
export interface VerifyDocument {
    stack: string;
    bucket: string;
    account: string;
    region: string;
    caller: string;
    /** Every bucket of the stack that was read, the audit bucket first. */
    buckets: string[];
    violations: Violation[];
    drift: Drift[];
    deliveries: Delivery[];
    /** The stack's vault (tools/verify/vaultCheck.ts); absent when the stack has none. */
    vault?: VaultSection;
    summary: { policyPacks: string[]; mandatory: number; advisory: number; drift: number; deliveryFindings: number; vaultFindings: number; ok: boolean };
    /** What AWS does not report, so the verifier does not claim to have checked it. */
    notChecked: string[];
}

export interface VerifyOptions extends InspectOptions {
    /** The policy pack, already starting; it is stopped on every path. */
    pack: PendingPack;
    policyConfig?: PolicyConfigFile;
}

export const NOT_CHECKED = [
    "the key's deletion window (AWS reports it only once a deletion is scheduled)",
    "the key's tags (no call reads them)",
    "bucket ACL grants (ACLs are off under BucketOwnerEnforced; GetBucketAcl is not called)",
    "Pulumi-only settings (forceDestroy, protect, retainOnDelete)",
];

/** A vault in another account: the pack judges the stack account's public access block only. */
export const VAULT_ACCOUNT_BLOCK_NOT_CHECKED = "the vault account's public access block (the pack judges the stack account's)";

/**
 * verify's exit status for one document: 2 when the vault could not be read (a demanding user cannot call a stack
 * verified whose WORM copy was not looked at: fix the invocation, --vault-role-name or the vault role's permissions),
 * else 1 when anything is not OK, else 0.
 */
export function exitStatus(document: Pick<VerifyDocument, "vault" | "summary">): 0 | 1 | 2 {
    if (document.vault && !document.vault.read) {
        return 2;
    }
    return document.summary.ok ? 0 : 1;
}

/** The document with the pack's verdicts and its summary: every finding of every section counted. */
export function withVerdicts(document: Inspection["document"], info: Pick<PackInfo, "name" | "version">, violations: Violation[]): VerifyDocument {
    const counts = summarize(violations);
    const deliveryFindings = document.deliveries.filter((delivery) => delivery.finding !== null).length;
    const vaultFindings = document.vault?.findings.length ?? 0;
    const vaultRead = document.vault?.read ?? true;
    return {
        ...document,
        violations,
        summary: {
            policyPacks: [`${info.name}@${info.version}`],
            mandatory: counts.mandatory,
            advisory: counts.advisory,
            drift: document.drift.length,
            deliveryFindings,
            vaultFindings,
            ok: counts.mandatory === 0 && document.drift.length === 0 && deliveryFindings === 0 && vaultFindings === 0 && vaultRead,
        },
    };
}

/** What the live reads found before the pack is asked: the document without verdicts, and the resources to judge. */
export interface Inspection {
    document: Omit<VerifyDocument, "violations" | "summary">;
    live: LiveStack;
    config: Record<string, string>;
    /** Where --integrity reads the vault's copies, with the vault's credentials; absent when the vault was not read. */
    vaultReplica?: VaultInspection["replica"];
}

export interface InspectOptions {
    stack: string;
    root?: string;
    /** `-c key=value` overrides of the stack config, as the preview takes them. */
    overrides?: readonly string[];
    endpoint?: string;
    maxAgeHours?: number;
    now?: Date;
    /** A plan already made of this stack (the tests reuse one). */
    plan?: StackPlan;
    /** Read with these credentials (verify --all: the stack account's role), not the standard chain. */
    credentials?: ClientOptions["credentials"];
    /**
     * The read-only role of the vault account (`--vault-role-name`), assumed with the standard chain's credentials to
     * read a vault in another account than the stack's. Without it such a vault is reported as not read.
     */
    vaultRoleName?: string;
}

/** Reads the stack's live buckets and key read-only, and judges them: pack verdicts, drift, deliveries. */
export async function runVerify(options: VerifyOptions): Promise<VerifyDocument> {
    return judge(options, options.stack, () => inspect(options));
}

/** `verify --bucket`: one bucket of any program, with drift against an export or a program's plan when one is given. */
export interface BucketInspectOptions {
    bucket: string;
    /** The bucket's region; else the plan's aws:region, else AWS_REGION or AWS_DEFAULT_REGION. */
    region?: string;
    /** A `pulumi stack export` file that holds the bucket: drift is measured against its inputs. */
    state?: string;
    /** A Pulumi program directory and stack: drift is measured against its plan under mocks. */
    program?: { root: string; stack: string };
    endpoint?: string;
    maxAgeHours?: number;
    now?: Date;
    credentials?: ClientOptions["credentials"];
}

export interface BucketVerifyOptions extends BucketInspectOptions {
    pack: PendingPack;
    policyConfig?: PolicyConfigFile;
}

/** Reads one bucket (and its key, and the account's public access block) read-only, and judges it. */
export async function runVerifyBucket(options: BucketVerifyOptions): Promise<VerifyDocument> {
    return judge(options, undefined, () => inspectBucket(options));
}

/** `verify --integrity`: the document, then the integrity of the trail files in the audit bucket and in the vault. */
export async function runVerifyIntegrity(options: VerifyOptions & { integrity: { from: Date; to: Date; concurrency?: number } }): Promise<IntegrityDocument> {
    const { verifyStackIntegrity } = await import("./integrity/stack");
    const { document, inspection } = await judged(options, options.stack, () => inspect(options));
    return verifyStackIntegrity(document, { ...options.integrity, endpoint: options.endpoint, credentials: options.credentials, replica: inspection.vaultReplica });
}

async function judge(options: { pack: PendingPack; policyConfig?: PolicyConfigFile }, stackName: string | undefined, inspection: () => Promise<Inspection>): Promise<VerifyDocument> {
    return (await judged(options, stackName, inspection)).document;
}

async function judged(options: { pack: PendingPack; policyConfig?: PolicyConfigFile }, stackName: string | undefined, inspection: () => Promise<Inspection>): Promise<{ document: VerifyDocument; inspection: Inspection }> {
    try {
        const inspected = await inspection();
        const { document, live, config } = inspected;
        const stack = stackName ?? live.stack;
        const { info, violations } = await analyzeWithPack(options.pack, analyzerResources(live), { project: live.project, stack, dryRun: false, policyConfig: options.policyConfig, config });
        return { document: withVerdicts(document, info, violations), inspection: inspected };
    } finally {
        if (options.pack.child.exitCode === null && options.pack.child.signalCode === null) {
            options.pack.child.kill("SIGKILL");
        }
    }
}

/** The plan, the live reads, drift and deliveries: everything but the pack's verdicts. */
export async function inspect(options: InspectOptions): Promise<Inspection> {
    const stack = options.plan?.stack ?? loadStackConfig(options.root ?? REPO_ROOT, options.stack, options.overrides);
    const region = stack.config["aws:region"];
    if (!region) {
        throw new VerifyError(`stack ${options.stack} has no aws:region in its config: set it (pulumi config set aws:region <region>)`);
    }
    const clients = createClients({ region, endpoint: options.endpoint, credentials: options.credentials });
    try {
        const reader = new LiveReader(clients);
        // Who is calling is asked while the program is planned: without credentials, it fails before the plan is done.
        const [plan, identity] = await Promise.all([options.plan ?? planStack({ root: options.root, stack: options.stack, overrides: options.overrides }), reader.identity()]);
        return await inspectWith(reader, plan, identity, options, region);
    } finally {
        destroyClients(clients);
    }
}

/**
 * The plan-less modes of `verify --bucket`: the plan is the export's resources, or the program's plan, or nothing
 * (then no drift, and the deliveries the live bucket policy admits).
 */
export async function inspectBucket(options: BucketInspectOptions): Promise<Inspection> {
    const planned = options.state ? planOfExport(options.state, options.bucket) : undefined;
    const planning = options.program ? planStack({ root: options.program.root, stack: options.program.stack, program: programEntry(options.program.root) }) : undefined;
    // The program's config gives the region before it is planned; the export's provider gives it too.
    const stackRegion = options.program ? loadStackConfig(options.program.root, options.program.stack).config["aws:region"] : planned?.stack.config["aws:region"];
    if (planned) {
        // A bucket the export does not hold is named before anything else is asked of it.
        choiceOf(planned.resources.filter((resource) => resource.type === "aws:s3/bucket:Bucket" && typeof resource.inputs.bucket === "string"), planned, options.bucket);
    }
    const region = options.region ?? stackRegion ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION;
    if (!region) {
        throw new VerifyError(`no region for bucket ${options.bucket}: give --region <region> (or set AWS_REGION)`);
    }
    const clients = createClients({ region, endpoint: options.endpoint, credentials: options.credentials });
    try {
        const reader = new LiveReader(clients);
        const [identity, plan] = await Promise.all([reader.identity(), planning ?? Promise.resolve(planned)]);
        const stack = plan?.stack.stack ?? options.bucket;
        const inspectOptions = { stack, maxAgeHours: options.maxAgeHours, now: options.now };
        if (plan) {
            return await inspectWith(reader, plan, identity, inspectOptions, region, { bucket: options.bucket, scopeFromPolicy: !options.program });
        }
        const none: StackPlan = { resources: [], outputs: {}, stack: { project: "", stack, config: { "aws:region": region } } };
        return await inspectWith(reader, none, identity, inspectOptions, region, { bucket: options.bucket, scopeFromPolicy: true });
    } finally {
        destroyClients(clients);
    }
}

/**
 * A stack export read as a plan: its resources' inputs are what the program asked for when it was last deployed. Its
 * region is the AWS provider's, else the bucket's own `region` output (an export of the default provider has none).
 */
function planOfExport(file: string, bucket: string): StackPlan {
    const exported = readStackExport(file);
    const raw = (JSON.parse(fs.readFileSync(file, "utf8")) as { deployment: { resources?: { type?: string; inputs?: { bucket?: unknown }; outputs?: { region?: unknown } }[] } }).deployment.resources ?? [];
    const bucketRegion = raw.find((resource) => resource.type === "aws:s3/bucket:Bucket" && resource.inputs?.bucket === bucket)?.outputs?.region;
    const resources: RegisteredResource[] = exported.resources.map((resource) => ({
        urn: resource.urn,
        type: resource.type,
        name: resource.name,
        custom: resource.type !== "pulumi:pulumi:Stack" && !resource.type.startsWith("pulumi:providers:") && resource.provider !== undefined,
        parent: resource.parent,
        provider: resource.provider,
        // The export reader adds a resource's own ARN from its outputs (for the pack); a plan holds inputs only.
        inputs: Object.fromEntries(Object.entries(resource.properties).filter(([key]) => key !== "arn")),
        outputs: {},
        protect: resource.protect ?? false,
        retainOnDelete: false,
        dependsOn: resource.dependencies ?? [],
        propertyDependencies: resource.propertyDependencies ?? {},
        aliases: [],
    }));
    // The bucket's own provider gives its region; another provider of the stack (a vault's) is another region's.
    const chosen = exported.resources.find((resource) => resource.type === "aws:s3/bucket:Bucket" && resource.properties.bucket === bucket);
    const ownProvider = chosen?.provider === undefined ? undefined : resources.find((resource) => resource.type === "pulumi:providers:aws" && chosen.provider?.startsWith(resource.urn) && typeof resource.inputs.region === "string");
    const anyProvider = resources.find((resource) => resource.type === "pulumi:providers:aws" && typeof resource.inputs.region === "string" && !resource.inputs.assumeRoles);
    const providerRegion = (ownProvider ?? anyProvider)?.inputs.region;
    const region = typeof bucketRegion === "string" ? bucketRegion : typeof providerRegion === "string" ? providerRegion : undefined;
    const config: Record<string, string> = region ? { "aws:region": region } : {};
    return { resources, outputs: {}, stack: { project: exported.project, stack: exported.stack, config } };
}

/**
 * The accounts and organization whose CloudTrail and Config logs the bucket policy admits, and the prefixes they write
 * under: `<prefix>AWSLogs/<account or o-id>/...` in the Resource of each service's s3:PutObject statement.
 */
export function deliveryScopeOfPolicy(policy: string | undefined, bucket: string): { prefixes: { service: LogService; prefix: string }[]; accounts: string[]; organizationId?: string } {
    const prefixes = new Map<string, { service: LogService; prefix: string }>();
    const accounts = new Set<string>();
    let organizationId: string | undefined;
    let statements: unknown[] = [];
    try {
        const parsed = JSON.parse(policy ?? "{}") as { Statement?: unknown };
        statements = Array.isArray(parsed.Statement) ? parsed.Statement : parsed.Statement ? [parsed.Statement] : [];
    } catch {
        statements = [];
    }
    const services: Record<string, LogService> = { "cloudtrail.amazonaws.com": "cloudTrail", "config.amazonaws.com": "config" };
    const list = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : typeof value === "string" ? [value] : []);
    for (const statement of statements as { Effect?: string; Principal?: { Service?: unknown }; Action?: unknown; Resource?: unknown }[]) {
        if (statement?.Effect !== "Allow" || !list(statement.Action).includes("s3:PutObject")) {
            continue;
        }
        for (const principal of list(statement.Principal?.Service)) {
            const service = services[principal];
            for (const resource of service ? list(statement.Resource) : []) {
                const match = /^arn:[^:]+:s3:::([^/]+)\/(.*?)AWSLogs\/([^/*]+)\//.exec(resource);
                if (!match || match[1] !== bucket) {
                    continue;
                }
                prefixes.set(`${service} ${match[2]}`, { service, prefix: match[2] });
                if (/^\d{12}$/.test(match[3])) {
                    accounts.add(match[3]);
                } else if (/^o-[a-z0-9]+$/.test(match[3])) {
                    organizationId = match[3];
                }
            }
        }
    }
    return { prefixes: [...prefixes.values()], accounts: [...accounts], organizationId };
}

interface BucketChoice {
    /** The bucket to verify, by name, instead of the plan's audit bucket. */
    bucket: string;
    /** Whose deliveries are checked comes from the live bucket policy (no stack config names them). */
    scopeFromPolicy: boolean;
}
type InspectWithOptions = Pick<InspectOptions, "stack" | "maxAgeHours" | "now" | "endpoint" | "credentials" | "vaultRoleName">;

async function inspectWith(reader: LiveReader, plan: StackPlan, identity: { account: string; arn: string }, options: InspectWithOptions, region: string, choice?: BucketChoice): Promise<Inspection> {
    const config = plan.stack.config;
    const project = plan.stack.project;
    const expectedAccount = config[`${project}:accountId`];
    const allowed = jsonList(config["aws:allowedAccountIds"]);
    if ((expectedAccount && identity.account !== expectedAccount) || (allowed.length > 0 && !allowed.includes(identity.account))) {
        throw new VerifyError(`the credentials are for account ${identity.account} (${identity.arn}), but stack ${options.stack} is account ${expectedAccount ?? allowed.join(", ")}: use credentials for that account`);
    }
    // The vault's side lives in another region (and maybe account): it is read with its own clients, below.
    const here = (resource: RegisteredResource): boolean => typeof resource.inputs.region !== "string" || resource.inputs.region === region;
    const plannedBuckets = plan.resources.filter((resource) => resource.type === "aws:s3/bucket:Bucket" && typeof resource.inputs.bucket === "string" && here(resource));
    const main = choice ? choiceOf(plannedBuckets, plan, choice.bucket) : mainBucket(plannedBuckets, plan.outputs);
    if (!main) {
        throw new VerifyError(`stack ${options.stack} plans no bucket with a known name: nothing to verify`);
    }
    const computed = computedValues(plan.resources);
    const defaultTags = providerDefaultTags(config);
    const side = await readSide(reader, plan, { buckets: plannedBuckets, first: main, firstRequired: true, region, here }, computed, defaultTags);
    const drift: Drift[] = [...side.drift];
    const live: LiveStack = { project, stack: options.stack, buckets: side.buckets, keys: side.keys, account: { accountId: identity.account, properties: {} } };
    live.account.properties = accountBlockProperties(identity.account, await reader.accountPublicAccessBlock(identity.account));

    const scope = choice?.scopeFromPolicy ? deliveryScopeOfPolicy(live.buckets.find((bucket) => bucket.name === main.inputs.bucket)?.settings.policy?.policy as string | undefined, main.inputs.bucket as string) : undefined;
    const planMarkers = markers(plan.resources, main);
    const check: DeliveryCheck = {
        bucket: main.inputs.bucket as string,
        region,
        // Without a plan the policy names the CloudTrail and Config prefixes; a plan's markers name every prefix.
        prefixes: planMarkers.length > 0 ? planMarkers : (scope?.prefixes ?? []),
        accounts: scope ? [...new Set([identity.account, ...scope.accounts])] : sourceAccounts(config, project, identity.account),
        organizationId: scope ? scope.organizationId : config[`${project}:organizationId`] || undefined,
        maxAgeHours: options.maxAgeHours ?? 24,
        now: options.now ?? new Date(),
    };
    const deliveries = side.firstElsewhere ? [] : await checkDeliveries(reader, check);

    // The vault: only a stack's plan names one (verify --bucket reads one bucket).
    const planned = choice || side.firstElsewhere ? undefined : plannedVault(plan.resources, main, config, project, identity.account);
    const vault = planned
        ? await inspectVault({
              source: reader,
              plan,
              vault: planned,
              sourceSettings: live.buckets.find((bucket) => bucket.name === main.inputs.bucket)?.settings,
              identity,
              endpoint: options.endpoint,
              credentials: options.credentials,
              vaultRoleName: options.vaultRoleName,
              computed,
              defaultTags,
              deliveries: check,
          })
        : undefined;
    if (vault) {
        // Each side's region and account, as its provider declares them in a program, so the pack judges the vault's
        // isolation and region as in a preview.
        live.providers = [
            { name: "stack", region, account: identity.account },
            { name: "vault", region: vault.section.region, account: vault.section.account },
        ];
        for (const read of [...live.buckets, ...live.keys]) {
            read.provider = "stack";
        }
        drift.push(...vault.drift);
        live.buckets.push(...vault.buckets.map((bucket) => ({ ...bucket, provider: "vault" })));
        live.keys.push(...vault.keys.map((key) => ({ ...key, provider: "vault" })));
    }

    return {
        document: {
            stack: options.stack,
            bucket: main.inputs.bucket as string,
            account: identity.account,
            region,
            caller: identity.arn,
            buckets: live.buckets.map((bucket) => bucket.name),
            drift,
            deliveries,
            ...(vault ? { vault: vault.section } : {}),
            notChecked: vault && vault.section.account !== identity.account ? [...NOT_CHECKED, VAULT_ACCOUNT_BLOCK_NOT_CHECKED] : NOT_CHECKED,
        },
        live,
        config,
        vaultReplica: vault?.replica,
    };
}

/** The planned bucket of that name; with no plan, a stand-in so the live bucket is read and judged without drift. */
function choiceOf(plannedBuckets: RegisteredResource[], plan: StackPlan, bucket: string): RegisteredResource {
    const found = plannedBuckets.find((resource) => resource.inputs.bucket === bucket);
    if (found) {
        return found;
    }
    if (plan.resources.length > 0) {
        const names = plannedBuckets.map((resource) => resource.inputs.bucket as string);
        throw new VerifyError(`stack ${plan.stack.stack} has no bucket ${bucket} (its buckets: ${names.join(", ") || "none"}): name one of them, or leave out --state/--program`);
    }
    plannedBuckets.push({ urn: "", type: "aws:s3/bucket:Bucket", name: bucket, custom: true, inputs: { bucket }, outputs: {}, protect: false, retainOnDelete: false, dependsOn: [], propertyDependencies: {}, aliases: [] });
    return plannedBuckets[0];
}
