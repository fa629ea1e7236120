import type { RegisteredResource } from "../offline/capture";
import { REPO_ROOT, StackPlan, planStack } from "../offline/plan";
import { loadStackConfig } from "../stackConfig";
import { PendingPack, PolicyConfigFile, analyzeWithPack } from "../policy/analyzer";
import { Violation, summarize } from "../policy/violations";
import { ClientOptions, createClients, destroyClients } from "./clients";
import { Delivery, checkDeliveries } from "./deliveries";
import { Drift, bucketDrift, computedValues, keyDrift, plannedSettings, providerDefaultTags } from "./drift";
import { MissingBucketError, VerifyError } from "./errors";
import { resolveEncryptionKeys } from "./keys";
import { jsonList, mainBucket, markers, sourceAccounts } from "./planReading";
import { BucketRegionError, LiveKey, LiveReader } from "./read";
import { LiveStack, accountBlockProperties, analyzerResources, bucketSettings, keyProperties } from "./translate";

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
    summary: { policyPacks: string[]; mandatory: number; advisory: number; drift: number; deliveryFindings: number; ok: boolean };
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

/** What the live reads found before the pack is asked: the document without verdicts, and the resources to judge. */
export interface Inspection {
    document: Omit<VerifyDocument, "violations" | "summary">;
    live: LiveStack;
    config: Record<string, string>;
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
}

/** Reads the stack's live buckets and key read-only, and judges them: pack verdicts, drift, deliveries. */
export async function runVerify(options: VerifyOptions): Promise<VerifyDocument> {
    try {
        const { document, live, config } = await inspect(options);
        const { info, violations } = await analyzeWithPack(options.pack, analyzerResources(live), { project: live.project, stack: options.stack, dryRun: false, policyConfig: options.policyConfig, config });
        const counts = summarize(violations);
        const deliveryFindings = document.deliveries.filter((delivery) => delivery.finding !== null).length;
        return {
            ...document,
            violations,
            summary: {
                policyPacks: [`${info.name}@${info.version}`],
                mandatory: counts.mandatory,
                advisory: counts.advisory,
                drift: document.drift.length,
                deliveryFindings,
                ok: counts.mandatory === 0 && document.drift.length === 0 && deliveryFindings === 0,
            },
        };
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

async function inspectWith(reader: LiveReader, plan: StackPlan, identity: { account: string; arn: string }, options: InspectOptions, region: string): Promise<Inspection> {
    const config = plan.stack.config;
    const project = plan.stack.project;
    const expectedAccount = config[`${project}:accountId`];
    const allowed = jsonList(config["aws:allowedAccountIds"]);
    if ((expectedAccount && identity.account !== expectedAccount) || (allowed.length > 0 && !allowed.includes(identity.account))) {
        throw new VerifyError(`the credentials are for account ${identity.account} (${identity.arn}), but stack ${options.stack} is account ${expectedAccount ?? allowed.join(", ")}: use credentials for that account`);
    }
    // The vault's side lives in another region (and maybe account): these credentials and this region do not read it.
    const here = (resource: RegisteredResource): boolean => typeof resource.inputs.region !== "string" || resource.inputs.region === region;
    const plannedBuckets = plan.resources.filter((resource) => resource.type === "aws:s3/bucket:Bucket" && typeof resource.inputs.bucket === "string" && here(resource));
    const main = mainBucket(plannedBuckets, plan.outputs);
    if (!main) {
        throw new VerifyError(`stack ${options.stack} plans no bucket with a known name: nothing to verify`);
    }
    const computed = computedValues(plan.resources);
    const drift: Drift[] = [];
    const live: LiveStack = { project, stack: options.stack, buckets: [], keys: [], account: { accountId: identity.account, properties: {} } };
    const keys = new Map<string, LiveKey>();
    const described = new Map<string, Promise<LiveKey["metadata"] | undefined>>();
    const readKey = async (keyId: string): Promise<LiveKey | undefined> => {
        if (!described.has(keyId)) {
            described.set(keyId, reader.describeKey(keyId));
        }
        const metadata = await described.get(keyId);
        if (!metadata?.Arn) {
            return undefined;
        }
        described.set(metadata.Arn, Promise.resolve(metadata));
        if (!keys.has(metadata.Arn)) {
            keys.set(metadata.Arn, await reader.key(metadata));
        }
        return keys.get(metadata.Arn);
    };

    // The key the stack creates: found through its alias, since its ARN is not known to the plan.
    const plannedKeys = plan.resources.filter((resource) => resource.type === "aws:kms/key:Key");
    const keyOfAlias = new Map<string, RegisteredResource>();
    for (const alias of plan.resources.filter((resource) => resource.type === "aws:kms/alias:Alias" && typeof resource.inputs.name === "string" && here(resource))) {
        const name = alias.inputs.name as string;
        const target = plannedKeys.find((key) => (alias.propertyDependencies.targetKeyId ?? []).includes(key.urn)) ?? (plannedKeys.length === 1 ? plannedKeys[0] : undefined);
        const key = await readKey(name);
        if (!key) {
            drift.push({ setting: `kms alias ${name}`, expected: "present", actual: null });
        } else if (target) {
            keyOfAlias.set(name, target);
            drift.push(...keyDrift(target.inputs, keyProperties(key), computed));
        }
    }
    const aliasKeyArn = async (): Promise<string | undefined> => {
        for (const name of keyOfAlias.keys()) {
            return (await readKey(name))?.metadata.Arn;
        }
        return undefined;
    };

    const defaultTags = providerDefaultTags(config);
    let mainElsewhere = false;
    for (const bucket of [main, ...plannedBuckets.filter((resource) => resource !== main)]) {
        const name = bucket.inputs.bucket as string;
        let state;
        try {
            state = await reader.bucket(name);
        } catch (error) {
            if (error instanceof MissingBucketError && bucket !== main) {
                drift.push({ bucket: name, setting: "bucket", expected: "present", actual: null });
                continue;
            }
            // A bucket in another region cannot be read through this region's endpoint: its region is the drift.
            if (error instanceof BucketRegionError) {
                drift.push({ bucket: name, setting: "region", expected: region, actual: error.bucketRegion ?? "another region" });
                mainElsewhere ||= bucket === main;
                continue;
            }
            throw error;
        }
        const settings = bucketSettings(state);
        live.buckets.push({ name, settings });
        const planned = plannedSettings(plan.resources, bucket, defaultTags);
        await resolveEncryptionKeys(planned, settings, computed, readKey, aliasKeyArn, drift, name);
        drift.push(...bucketDrift(name, planned, settings, computed));
    }
    live.keys = [...keys.values()].filter((key) => key.metadata.KeyManager === "CUSTOMER").map((key) => ({ arn: key.metadata.Arn as string, properties: keyProperties(key) }));
    live.account.properties = accountBlockProperties(identity.account, await reader.accountPublicAccessBlock(identity.account));

    const deliveries = mainElsewhere ? [] : await checkDeliveries(reader, {
        bucket: main.inputs.bucket as string,
        region,
        prefixes: markers(plan.resources, main),
        accounts: sourceAccounts(config, project, identity.account),
        organizationId: config[`${project}:organizationId`] || undefined,
        maxAgeHours: options.maxAgeHours ?? 24,
        now: options.now ?? new Date(),
    });

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
            notChecked: NOT_CHECKED,
        },
        live,
        config,
    };
}
