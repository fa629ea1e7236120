import { STSClient } from "@aws-sdk/client-sts";
import type { RegisteredResource } from "../offline/capture";
import type { StackPlan } from "../offline/plan";
import { Credentials, assumeRole, roleArnOf } from "./assumeRole";
import { createClients, destroyClients } from "./clients";
import type { DeliveryCheck } from "./deliveries";
import type { Drift } from "./drift";
import { VerifyError } from "./errors";
import { LiveReader } from "./read";
import { ReplicaSample, checkReplication, sampleNewest } from "./replicationHealth";
import { readSide } from "./side";
import type { LiveStack, Properties } from "./translate";
import type { PlannedVault } from "./vault";

/** One thing wrong with the vault: its lock, or an object whose copy is not (yet) there. */
export interface VaultFinding {
    kind: "object-lock" | "replication-rule" | "replication-status" | "replica-missing";
    /** The object's key, for the replication findings. */
    key?: string;
    message: string;
}

/** The `vault` member of the verify document. */
export interface VaultSection {
    bucket: string;
    region: string;
    account: string;
    /** The role it was read through (a vault in another account); absent: read with the stack's credentials. */
    role?: string;
    /** Whether the vault was read in full; false: `notRead` says why and how to read it, and verify exits 2. */
    read: boolean;
    notRead?: string;
    /** The default retention the stack asks for and what GetObjectLockConfiguration answers (null: not read). */
    objectLock: { expected: { mode: string; days: number }; actual: { enabled: boolean; mode: string | null; days: number | null; years: number | null } | null };
    /** Whether the live rule into the vault has Replication Time Control (which sets how long PENDING may last). */
    replicationTimeControl: boolean;
    /** The newest objects of each prefix, their replication status and whether their replica exists. */
    replication: ReplicaSample[];
    findings: VaultFinding[];
}

export interface VaultInspection {
    section: VaultSection;
    drift: Drift[];
    buckets: LiveStack["buckets"];
    keys: LiveStack["keys"];
    /** Where and how --integrity reads the vault's copies; absent when the vault was not read. */
    replica?: { bucket: string; region: string; credentials?: Credentials };
}

export interface VaultInspectOptions {
    /** The stack's reader (its region and credentials): the audit bucket's objects are read through it. */
    source: LiveReader;
    plan: StackPlan;
    vault: PlannedVault;
    /** The audit bucket's live settings: its replication rule into the vault. */
    sourceSettings?: LiveStack["buckets"][number]["settings"];
    identity: { account: string; arn: string };
    endpoint?: string;
    /** The stack's credentials, for a vault in the stack's own account; else the standard chain's. */
    credentials?: Credentials;
    /** The vault account's read-only role (`--vault-role-name`), for a vault in another account. */
    vaultRoleName?: string;
    computed: ReadonlySet<string>;
    defaultTags: Record<string, string>;
    /** The prefixes and accounts of the deliveries check: the objects sampled for replication. */
    deliveries: Omit<DeliveryCheck, "maxAgeHours">;
}

/**
 * The vault: its settings and key judged and compared with the plan's vault resources like the stack's buckets, its
 * Object Lock default retention against the stack's vaultObjectLockMode/vaultObjectLockDays, and the replication of the
 * audit bucket's newest objects into it. A vault in another account is read through `vaultRoleName` in that account;
 * without it, or when anything of the vault is refused, the section says so (`read: false`), nothing is skipped
 * silently.
 */
export async function inspectVault(options: VaultInspectOptions): Promise<VaultInspection> {
    const { vault } = options;
    const timeControl = liveTimeControl(options.sourceSettings, vault);
    const section: VaultSection = {
        bucket: vault.name,
        region: vault.region,
        account: vault.account,
        read: false,
        objectLock: { expected: vault.lock, actual: null },
        replicationTimeControl: timeControl ?? vault.replicationTimeControl,
        replication: [],
        findings: [],
    };
    const empty = { section, drift: [], buckets: [], keys: [] };
    if (timeControl === undefined) {
        section.findings.push({ kind: "replication-rule", message: `the audit bucket has no enabled replication rule into s3://${vault.name}: nothing is copied into the vault` });
    }
    let credentials = options.credentials;
    if (vault.account !== options.identity.account) {
        if (!options.vaultRoleName) {
            const role = roleArnOf(vault.partition, vault.account, "<name>");
            section.notRead = `the vault s3://${vault.name} is in account ${vault.account}, not ${options.identity.account} (the stack's): its settings, its lock and its replicas were not read. Give --vault-role-name <name> to read it through ${role} (sts:AssumeRole from ${options.identity.arn}; the role needs the verifier's read-only policy, and its trust policy must admit that caller)`;
            return empty;
        }
        const roleArn = roleArnOf(vault.partition, vault.account, options.vaultRoleName);
        section.role = roleArn;
        // The role is assumed with the credentials verify started with (the standard chain), as --all assumes a stack's.
        const sts = new STSClient({ region: vault.region, ...(options.endpoint ? { endpoint: options.endpoint } : {}) });
        try {
            credentials = await assumeRole(sts, roleArn, `verify-vault-${vault.account}`, options.identity.arn);
        } catch (error) {
            section.notRead = `${(error as Error).message}: the vault s3://${vault.name} was not read`;
            return empty;
        } finally {
            sts.destroy();
        }
    }
    const clients = createClients({ region: vault.region, endpoint: options.endpoint, credentials });
    try {
        const reader = new LiveReader(clients);
        reader.caller = section.role ?? options.identity.arn;
        const there = (resource: RegisteredResource): boolean => resource.inputs.region === vault.region;
        const side = await readSide(reader, options.plan, { buckets: [vault.bucket], first: vault.bucket, firstRequired: false, region: vault.region, here: there }, options.computed, options.defaultTags);
        const settings = side.buckets.find((bucket) => bucket.name === vault.name)?.settings;
        if (settings) {
            section.objectLock.actual = lockOf(settings.objectLock);
            const lockProblem = lockFinding(section.objectLock.expected, section.objectLock.actual);
            if (lockProblem) {
                section.findings.push({ kind: "object-lock", message: `s3://${vault.name} ${lockProblem}` });
            }
        }
        const samples = await sampleNewest(options.source, options.deliveries);
        section.replication = await checkReplication(options.source, settings ? reader : undefined, samples, { sourceBucket: options.deliveries.bucket, vaultBucket: vault.name, timeControl: section.replicationTimeControl, now: options.deliveries.now });
        for (const sample of section.replication.filter((candidate) => candidate.finding !== null)) {
            section.findings.push({ kind: sample.replicaPresent === false ? "replica-missing" : "replication-status", key: sample.key, message: `${sample.key}: ${sample.finding}` });
        }
        section.read = true;
        return { section, drift: side.drift, buckets: side.buckets, keys: side.keys, replica: settings ? { bucket: vault.name, region: vault.region, credentials } : undefined };
    } catch (error) {
        if (!(error instanceof VerifyError)) {
            throw error;
        }
        section.notRead = `${error.message}: the vault s3://${vault.name} was not verified`;
        section.replication = [];
        return { ...empty, section };
    } finally {
        destroyClients(clients);
    }
}

/** Whether the live rule into the vault has Replication Time Control; undefined when no enabled rule names the vault. */
function liveTimeControl(settings: LiveStack["buckets"][number]["settings"] | undefined, vault: PlannedVault): boolean | undefined {
    const rules = (settings?.replication?.rules ?? []) as Properties[];
    const rule = rules.find((candidate) => candidate.status === "Enabled" && (candidate.destination as Properties | undefined)?.bucket === `arn:${vault.partition}:s3:::${vault.name}`);
    if (!rule) {
        return undefined;
    }
    return ((rule.destination as Properties).replicationTime as Properties | undefined)?.status === "Enabled";
}

/** AWS-S3-704: GetObjectLockConfiguration's ObjectLockEnabled and Rule.DefaultRetention (Mode, and Days or Years), as translated. */
function lockOf(setting: Properties | undefined): NonNullable<VaultSection["objectLock"]["actual"]> {
    const retention = ((setting?.rule as Properties | undefined)?.defaultRetention ?? {}) as Properties;
    return {
        enabled: setting?.objectLockEnabled === "Enabled",
        mode: typeof retention.mode === "string" ? retention.mode : null,
        days: typeof retention.days === "number" ? retention.days : null,
        years: typeof retention.years === "number" ? retention.years : null,
    };
}

/** What is wrong with the live default retention against the stack's, or null. */
export function lockFinding(expected: { mode: string; days: number }, actual: NonNullable<VaultSection["objectLock"]["actual"]>): string | null {
    if (!actual.enabled) {
        return "has no Object Lock: it is not a WORM copy";
    }
    if (actual.mode === null) {
        return `has Object Lock but no default retention: replicas without a retention of their own are not locked (the stack asks ${expected.mode} for ${expected.days} days)`;
    }
    const period = actual.days !== null ? `${actual.days} days` : actual.years !== null ? `${actual.years} year(s)` : "no period";
    if (actual.mode !== expected.mode || actual.days !== expected.days) {
        return `locks new replicas in ${actual.mode} mode for ${period}, but the stack asks ${expected.mode} for ${expected.days} days (vaultObjectLockMode, vaultObjectLockDays)`;
    }
    return null;
}
