import type { Provider } from "@pulumi/aws/provider";
import type * as pulumi from "@pulumi/pulumi";
import { parseArn, partitionProblem, principalArnProblem } from "../arns";
import { AWS_REGIONS, MAX_LIFECYCLE_DAYS, MIN_RETENTION_DAYS, partitionOf } from "../constants";
import { bucketNameProblems } from "../naming";

/** The vault's Object Lock mode. An `as const` object, so other languages get an enum through the schema. */
export const VaultObjectLockMode = {
    /** Principals allowed `s3:BypassGovernanceRetention` (here: only `adminArns`) can lift the lock: a mistaken first deploy can be undone. */
    GOVERNANCE: "GOVERNANCE",
    /** Nobody, not even the root user, can shorten or lift the lock: the production choice. */
    COMPLIANCE: "COMPLIANCE",
} as const;
export type VaultObjectLockMode = (typeof VaultObjectLockMode)[keyof typeof VaultObjectLockMode];

/** The storage class replicas land in (S3 API reference, Destination `StorageClass`). */
export const VaultStorageClass = {
    STANDARD: "STANDARD",
    STANDARD_IA: "STANDARD_IA",
    INTELLIGENT_TIERING: "INTELLIGENT_TIERING",
    /** Glacier Instant Retrieval: read in milliseconds, a 90-day minimum and a 128 KiB minimum billable size. */
    GLACIER_IR: "GLACIER_IR",
    /** Glacier Flexible Retrieval: restored before it is read; a 90-day minimum. */
    GLACIER: "GLACIER",
    /** Glacier Deep Archive: restored within 12 hours before it is read; a 180-day minimum. */
    DEEP_ARCHIVE: "DEEP_ARCHIVE",
} as const;
export type VaultStorageClass = (typeof VaultStorageClass)[keyof typeof VaultStorageClass];

/**
 * A WORM copy of the audit-log bucket in another region (and, optionally, another account), filled by S3 Replication.
 * The audit-log bucket stays unlocked, so every AWS service can deliver to it; the vault holds the locked copy.
 */
export interface VaultArgs {
    /** The vault's region: another region of the bucket's partition. Required: a copy in the same region does not survive a regional outage. */
    region: string;
    /**
     * The 12-digit id of the account that owns the vault. Another account needs `provider`.
     * @default the bucket's account
     */
    accountId?: string;
    /**
     * The AWS provider that creates the vault's bucket and key: for another account, an `aws.Provider` with the vault
     * region and `assumeRoles` into the vault account (the stack program builds one from `vaultRoleArn`). The
     * replication role and the replication configuration stay with the bucket's own provider.
     * @default the bucket's own provider, with `region` set to the vault's on each resource (same account only)
     */
    provider?: Provider;
    /**
     * A role of the vault account to assume for the vault's side when `provider` is not given: the component then
     * creates an `aws.Provider` with the vault region, `assumeRoles` into this role and `allowedAccountIds` of the
     * vault account. It must be one of `adminArns` (the vault's policy denies setting changes to everyone else).
     * @default none: `provider`, or the bucket's own provider for a vault in the same account
     */
    roleArn?: string;
    /**
     * The vault account's administrators: IAM roles or users (never a root, an account id or a wildcard) that alone may
     * change the vault's policy, lifecycle, Object Lock, replication, versioning, encryption, ownership and public access
     * block, or bypass a GOVERNANCE lock. The identity that deploys the vault must be one of them. The vault account's
     * root user keeps the policy in hand whatever this says.
     */
    adminArns: string[];
    /**
     * Object Lock mode of the vault's default retention. `GOVERNANCE` lets `adminArns` undo a mistaken first deploy;
     * `COMPLIANCE` is the production choice: nobody, not even the root user, can shorten it.
     * @default "GOVERNANCE"
     */
    objectLockMode?: VaultObjectLockMode;
    /**
     * Days of the vault's default retention, from 1 to the bucket's `retentionDays`. A replica that carries a
     * retention of its own keeps it (it overrides the vault's default).
     * @default 365
     */
    objectLockDays?: number;
    /**
     * The storage class replicas land in, e.g. `DEEP_ARCHIVE` for the cheapest copy or `GLACIER_IR` for one read in
     * milliseconds.
     * @default "GLACIER_IR"
     */
    storageClass?: VaultStorageClass;
    /**
     * S3 Replication Time Control: 99.99% of objects replicated within 15 minutes, billed per GB. Replication metrics
     * stay on either way.
     * @default true
     */
    replicationTimeControl?: boolean;
    /**
     * An SNS topic ARN (in the bucket's region) that gets CloudWatch alarms on the replication metrics:
     * `OperationsFailedReplication` above 0 and `ReplicationLatency` above 15 minutes.
     * @default no alarms
     */
    alarmTopicArn?: pulumi.Input<string>;
}

/** The vault with every default applied. */
export interface VaultSettings {
    region: string;
    partition: string;
    accountId: string;
    /** True when the vault account is not the bucket's. */
    crossAccount: boolean;
    bucketName: string;
    adminArns: string[];
    objectLockMode: VaultObjectLockMode;
    objectLockDays: number;
    storageClass: VaultStorageClass;
    replicationTimeControl: boolean;
    provider?: Provider;
    roleArn?: string;
    alarmTopicArn?: pulumi.Input<string>;
}

export const VAULT_DEFAULTS = {
    objectLockMode: "GOVERNANCE",
    objectLockDays: MIN_RETENTION_DAYS,
    storageClass: "GLACIER_IR",
    replicationTimeControl: true,
} as const;

/** `<namePrefix>-vault-<vault account>-<vault region>`. */
export function vaultBucketName(namePrefix: string, accountId: string, region: string): string {
    return `${namePrefix}-vault-${accountId}-${region}`;
}

export function resolveVaultSettings(vault: VaultArgs, bucket: { accountId: string; namePrefix: string }): VaultSettings {
    const accountId = vault.accountId ?? bucket.accountId;
    return {
        region: vault.region,
        partition: partitionOf(vault.region),
        accountId,
        crossAccount: accountId !== bucket.accountId,
        bucketName: vaultBucketName(bucket.namePrefix, accountId, vault.region),
        adminArns: [...vault.adminArns],
        objectLockMode: vault.objectLockMode ?? VAULT_DEFAULTS.objectLockMode,
        objectLockDays: vault.objectLockDays ?? VAULT_DEFAULTS.objectLockDays,
        storageClass: vault.storageClass ?? VAULT_DEFAULTS.storageClass,
        replicationTimeControl: vault.replicationTimeControl ?? VAULT_DEFAULTS.replicationTimeControl,
        provider: vault.provider,
        roleArn: vault.roleArn,
        alarmTopicArn: vault.alarmTopicArn,
    };
}

/** One thing wrong with the vault's args, shaped like validation.ts's ArgProblem (which this module does not import). */
export interface VaultProblem {
    field: string;
    value: unknown;
    rule: string;
}

/** What the vault is checked against: the bucket's own settings. */
export interface VaultContext {
    accountId: string;
    region: string;
    namePrefix: string;
    retentionDays: number;
    allowDeletion: boolean;
}

/** Every problem with `vault`, fields named `vault.<arg>`. */
export function validateVaultArgs(vault: unknown, context: VaultContext): VaultProblem[] {
    const problems: VaultProblem[] = [];
    const report = (field: string, value: unknown, rule: string): void => {
        problems.push({ field: `vault.${field}`, value, rule });
    };
    if (typeof vault !== "object" || vault === null || Array.isArray(vault)) {
        return [{ field: "vault", value: vault, rule: "must be an object with at least region and adminArns" }];
    }
    const args = vault as Partial<Record<keyof VaultArgs, unknown>>;
    const partition = partitionOf(context.region);

    const regionOk = typeof args.region === "string" && AWS_REGIONS.includes(args.region);
    if (!regionOk) {
        report("region", args.region, `must be an AWS region, one of ${AWS_REGIONS.join(", ")}`);
    } else if (args.region === context.region) {
        report("region", args.region, `must differ from the bucket's region ${context.region}: a copy in the same region does not survive a regional outage`);
    } else if (partitionOf(args.region as string) !== partition) {
        report(
            "region",
            args.region,
            `must be in the bucket's partition ${partition}, not ${partitionOf(args.region as string)}: S3 Replication, IAM roles and KMS grants never cross partitions (AWS-S3-209)`,
        );
    }

    const accountOk = args.accountId === undefined || (typeof args.accountId === "string" && /^\d{12}$/.test(args.accountId));
    if (!accountOk) {
        report("accountId", args.accountId, "must be a 12-digit AWS account id");
    }
    const vaultAccount = accountOk && typeof args.accountId === "string" ? args.accountId : context.accountId;
    if (vaultAccount !== context.accountId && args.provider === undefined && args.roleArn === undefined) {
        report(
            "provider",
            args.provider,
            `must be set for a vault in another account (${vaultAccount}), or roleArn: an aws.Provider with region ${String(args.region)} and assumeRoles into that account (the stack program builds one from vaultRoleArn); without it the vault would be created in the bucket's account ${context.accountId}`,
        );
    }
    if (args.roleArn !== undefined) {
        const parsed = typeof args.roleArn === "string" ? parseArn(args.roleArn) : undefined;
        if (!parsed || parsed.service !== "iam" || !/^role\/[\w+=,.@\/-]+$/.test(parsed.resource) || !/^\d{12}$/.test(parsed.account)) {
            report("roleArn", args.roleArn, "must be an IAM role ARN such as arn:aws:iam::123456789012:role/VaultDeployer");
        } else if (parsed.partition !== partition) {
            report("roleArn", args.roleArn, `must be in the bucket's partition ${partition}, not ${parsed.partition}`);
        } else if (parsed.account !== vaultAccount) {
            report("roleArn", args.roleArn, `must be a role of the vault account ${vaultAccount}: it is assumed to create the vault there${args.accountId === undefined ? " (set the vault's accountId)" : ""}`);
        } else if (Array.isArray(args.adminArns) && !args.adminArns.includes(args.roleArn)) {
            report("roleArn", args.roleArn, "must also be one of adminArns: the vault's policy denies policy, lifecycle and lock changes to everyone else, the deploying role included");
        }
    }

    if (!Array.isArray(args.adminArns) || args.adminArns.length === 0) {
        report(
            "adminArns",
            args.adminArns,
            "must list at least one IAM role or user of the vault account: only they may change the vault's policy, lifecycle or lock, and the identity that deploys the vault must be one of them",
        );
    } else {
        args.adminArns.forEach((arn: unknown, index) => {
            const field = `adminArns[${index}]`;
            if (typeof arn !== "string") {
                report(field, arn, "must be a string");
                return;
            }
            const problem = principalArnProblem(arn) ?? partitionProblem(arn, partition);
            if (problem) {
                report(field, arn, problem);
            } else if (parseArn(arn)?.account !== vaultAccount) {
                report(field, arn, `must be a role or user of the vault account ${vaultAccount}: the vault's administrators live where the vault does`);
            }
        });
    }

    const mode = args.objectLockMode ?? VAULT_DEFAULTS.objectLockMode;
    if (mode !== "GOVERNANCE" && mode !== "COMPLIANCE") {
        report("objectLockMode", args.objectLockMode, 'must be "GOVERNANCE" or "COMPLIANCE"');
    }
    const days = args.objectLockDays ?? Math.min(VAULT_DEFAULTS.objectLockDays, context.retentionDays);
    if (typeof days !== "number" || !Number.isInteger(days) || days < 1 || days > MAX_LIFECYCLE_DAYS) {
        report("objectLockDays", args.objectLockDays, `must be a whole number of days from 1 to retentionDays (${context.retentionDays})`);
    } else if (days > context.retentionDays) {
        report("objectLockDays", args.objectLockDays, `must not exceed retentionDays (${context.retentionDays}): the vault's lifecycle expires replicas after the retention period, and locked versions would outlive it`);
    }
    if (args.storageClass !== undefined && !Object.values(VaultStorageClass).includes(args.storageClass as VaultStorageClass)) {
        report("storageClass", args.storageClass, `must be one of ${Object.values(VaultStorageClass).join(", ")}`);
    }
    if (args.replicationTimeControl !== undefined && typeof args.replicationTimeControl !== "boolean") {
        report("replicationTimeControl", args.replicationTimeControl, "must be true or false");
    }
    if (context.allowDeletion && mode === "COMPLIANCE") {
        problems.push({
            field: "allowDeletion",
            value: true,
            rule: 'cannot be combined with a COMPLIANCE vault (vault.objectLockMode "COMPLIANCE"): nobody, not even the root user, can delete a locked replica before its retention ends, so the vault could not be destroyed; use GOVERNANCE for a throwaway stack (its admins can then bypass the lock and empty it) or drop allowDeletion',
        });
    }
    if (regionOk && accountOk) {
        const name = vaultBucketName(context.namePrefix, vaultAccount, args.region as string);
        for (const rule of bucketNameProblems(name)) {
            report("region", args.region, `gives the vault the bucket name "${name}", which S3 rejects: a bucket name ${rule}`);
        }
    }
    return problems;
}

/** The stack config keys of the vault, read by `vaultArgsFromConfig`. */
export const VAULT_CONFIG_KEYS = [
    "vaultRegion",
    "vaultAccountId",
    "vaultRoleArn",
    "vaultAdminArns",
    "vaultObjectLockMode",
    "vaultObjectLockDays",
    "vaultStorageClass",
    "vaultReplicationTimeControl",
    "vaultAlarmTopicArn",
] as const;

/** Which arg each config key sets (the stack program also builds `vault.provider` from `vaultRoleArn`). */
const CONFIG_FIELDS: Record<(typeof VAULT_CONFIG_KEYS)[number], string> = {
    vaultRegion: "vault.region",
    vaultAccountId: "vault.accountId",
    vaultRoleArn: "vault.roleArn",
    vaultAdminArns: "vault.adminArns",
    vaultObjectLockMode: "vault.objectLockMode",
    vaultObjectLockDays: "vault.objectLockDays",
    vaultStorageClass: "vault.storageClass",
    vaultReplicationTimeControl: "vault.replicationTimeControl",
    vaultAlarmTopicArn: "vault.alarmTopicArn",
};

/** The config key that sets a `vault.<arg>` field, for messages. */
export function vaultConfigKeyOf(field: string): string | undefined {
    // A missing provider is fixed in config by vaultRoleArn.
    const root = field === "vault.provider" ? "vault.roleArn" : field.split("[")[0];
    return (Object.keys(CONFIG_FIELDS) as (keyof typeof CONFIG_FIELDS)[]).find((key) => CONFIG_FIELDS[key] === root);
}

export interface VaultConfigResult {
    vault?: VaultArgs;
    /** The role the stack program's vault provider assumes. */
    roleArn?: string;
    /** Problems of parsing, each naming its config key (without the namespace). */
    problems: (VaultProblem & { key: string })[];
}

/** Reads the vault's stack config keys; `audit-log-bucket:vaultRegion` turns the vault on. */
export function vaultArgsFromConfig(read: (key: string) => string | undefined): VaultConfigResult {
    const problems: VaultConfigResult["problems"] = [];
    const report = (key: string, value: unknown, rule: string): void => {
        problems.push({ key, field: key, value, rule });
    };
    const region = read("vaultRegion");
    if (region === undefined) {
        for (const key of VAULT_CONFIG_KEYS) {
            if (key !== "vaultRegion" && read(key) !== undefined) {
                report(key, read(key), "needs vaultRegion: the vault is on only when its region is set");
            }
        }
        return { problems };
    }
    const vault: Record<string, unknown> = { region };
    const accountId = read("vaultAccountId");
    if (accountId !== undefined) {
        vault.accountId = accountId;
    }
    const admins = read("vaultAdminArns");
    if (admins === undefined) {
        report("vaultAdminArns", admins, 'must be set with vaultRegion: a JSON list of the vault account\'s administrator roles, e.g. ["arn:aws:iam::123456789012:role/VaultAdmin"]');
    } else {
        const list = parseList(admins);
        if (list === undefined) {
            report("vaultAdminArns", admins, 'must be a JSON array of strings, e.g. ["arn:aws:iam::123456789012:role/VaultAdmin"]');
        } else {
            vault.adminArns = list;
        }
    }
    for (const [key, field] of [["vaultObjectLockMode", "objectLockMode"], ["vaultStorageClass", "storageClass"], ["vaultAlarmTopicArn", "alarmTopicArn"]] as const) {
        const raw = read(key);
        if (raw !== undefined) {
            vault[field] = raw;
        }
    }
    const days = read("vaultObjectLockDays");
    if (days !== undefined) {
        if (!/^\d+$/.test(days.trim())) {
            report("vaultObjectLockDays", days, "must be a whole number of days");
        } else {
            vault.objectLockDays = Number(days.trim());
        }
    }
    const rtc = read("vaultReplicationTimeControl");
    if (rtc !== undefined) {
        if (rtc !== "true" && rtc !== "false") {
            report("vaultReplicationTimeControl", rtc, "must be true or false");
        } else {
            vault.replicationTimeControl = rtc === "true";
        }
    }
    const roleArn = read("vaultRoleArn");
    if (roleArn !== undefined) {
        vault.roleArn = roleArn;
    }
    return { vault: vault as unknown as VaultArgs, roleArn, problems };
}

function parseList(raw: string): string[] | undefined {
    try {
        const parsed: unknown = JSON.parse(raw);
        return Array.isArray(parsed) && parsed.every((item) => typeof item === "string") ? parsed : undefined;
    } catch {
        return undefined;
    }
}
