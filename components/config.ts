import type { AuditLogBucketArgs, EncryptionMode, ObjectLockMode } from "./args";
import { ATHENA_CONFIG_KEYS, athenaArgsFromConfig } from "./athena";
import { ArgProblem, validateArgs } from "./validation";
import { VAULT_CONFIG_KEYS, vaultArgsFromConfig, vaultConfigKeyOf } from "./vault/settings";

/** The stack config namespace of this project's keys. */
export const CONFIG_NAMESPACE = "audit-log-bucket";

const STRING_KEYS = [
    "accountId",
    "namePrefix",
    "encryption",
    "kmsKeyArn",
    "organizationId",
    "managementAccountId",
    "accessLogBucket",
    "accessLogPrefix",
    "objectLockMode",
    "bucketNamespace",
    "bucketNameSuffix",
] as const;
const NUMBER_KEYS = [
    "glacierAfterDays",
    "deepArchiveAfterDays",
    "retentionDays",
    "noncurrentVersionExpirationDays",
    "archiveMinObjectSizeBytes",
    "instantRetrievalMinObjectSizeBytes",
    "objectLockDays",
] as const;
const LIST_KEYS = ["cloudTrailArns", "readerArns", "sessionManagerWriterArns", "securityHubWriterArns", "sourceAccountIds", "sourceOrgPaths"] as const;
const BOOLEAN_KEYS = ["allowDeletion", "createAccessLogBucket", "eventBridgeNotifications", "configDelivery"] as const;

/**
 * Every key this project reads from `audit-log-bucket:*`: the one list the readers and the typo check share. The
 * Athena keys are read by `athenaArgsFromConfig` (athena.ts), the vault's by `vaultArgsFromConfig` (vault/settings.ts).
 */
export const CONFIG_KEYS: readonly string[] = [...STRING_KEYS, ...NUMBER_KEYS, ...LIST_KEYS, ...BOOLEAN_KEYS, ...ATHENA_CONFIG_KEYS, ...VAULT_CONFIG_KEYS];

export interface StackConfigResult {
    args: AuditLogBucketArgs;
    /** Every problem, each naming the config key it came from. */
    problems: ArgProblem[];
    /** `vaultRoleArn`: the stack program builds `args.vault.provider` from it (an aws.Provider assuming it). */
    vaultRoleArn?: string;
}

/**
 * Turns a stack's config into component args. `read` returns a project key's raw string (as `pulumi config get`
 * prints it); `region` is `aws:region`; `callerAccountId` is used when `accountId` is not set; `presentConfig`,
 * everything the stack sets (namespaced keys, as `pulumi.runtime.allConfig()` returns it), lets a misspelt
 * `audit-log-bucket:*` key fail instead of being silently ignored.
 */
export function argsFromStackConfig(
    read: (key: string) => string | undefined,
    region: string | undefined,
    callerAccountId?: string,
    presentConfig: Readonly<Record<string, string>> = {},
): StackConfigResult {
    const problems: ArgProblem[] = unknownConfigKeyProblems(presentConfig);
    const fromConfig = new Set<string>();
    const report = (key: string, value: unknown, rule: string): void => {
        problems.push({ field: key, value, rule, configKey: `${CONFIG_NAMESPACE}:${key}` });
    };
    const args: Record<string, unknown> = {};

    for (const key of STRING_KEYS) {
        const raw = read(key);
        if (raw !== undefined) {
            args[key] = raw;
            fromConfig.add(key);
        }
    }
    for (const key of NUMBER_KEYS) {
        const raw = read(key);
        if (raw === undefined) {
            continue;
        }
        fromConfig.add(key);
        const text = raw.trim();
        if (!/^-?\d+(\.\d+)?$/.test(text)) {
            report(key, raw, "must be a number");
        } else if (Number(text) < 0) {
            report(key, raw, "must not be negative");
        } else {
            args[key] = Number(text);
        }
    }
    for (const key of LIST_KEYS) {
        const raw = read(key);
        if (raw === undefined) {
            continue;
        }
        fromConfig.add(key);
        const list = parseStringList(raw);
        if (list === undefined) {
            report(key, raw, 'must be a JSON array of strings, e.g. ["arn:aws:iam::123456789012:role/LogReader"]');
        } else {
            args[key] = list;
        }
    }
    for (const key of BOOLEAN_KEYS) {
        const raw = read(key);
        if (raw === undefined) {
            continue;
        }
        fromConfig.add(key);
        if (raw !== "true" && raw !== "false") {
            report(key, raw, "must be true or false");
        } else {
            args[key] = raw === "true";
        }
    }

    const athenaConfig = athenaArgsFromConfig(read);
    problems.push(...athenaConfig.problems);
    if (athenaConfig.athena !== undefined) {
        args.athena = athenaConfig.athena;
    }

    const vaultConfig = vaultArgsFromConfig(read);
    problems.push(...vaultConfig.problems.map(({ key, ...problem }) => ({ ...problem, configKey: `${CONFIG_NAMESPACE}:${key}` })));
    if (vaultConfig.vault !== undefined) {
        args.vault = vaultConfig.vault;
    }

    if (region === undefined) {
        problems.push({ field: "region", value: region, rule: "must be set: pulumi config set aws:region <region>", configKey: "aws:region" });
    }
    args.region = region;
    args.accountId ??= callerAccountId;

    const typed: AuditLogBucketArgs = {
        ...(args as Omit<AuditLogBucketArgs, "encryption" | "objectLockMode">),
        accountId: args.accountId as string,
        region: region as string,
        encryption: args.encryption as EncryptionMode | undefined,
        objectLockMode: args.objectLockMode as ObjectLockMode | undefined,
    };
    const reported = new Set(problems.map((problem) => problem.field));
    for (const problem of validateArgs(typed)) {
        const root = problem.field.split(/[.[]/)[0];
        const vaultKey = root === "vault" ? vaultConfigKeyOf(problem.field) : undefined;
        if (vaultKey !== undefined) {
            if (!reported.has(vaultKey)) {
                const index = /\[\d+\]$/.exec(problem.field)?.[0] ?? "";
                problems.push({ ...problem, field: `${vaultKey}${index}`, configKey: `${CONFIG_NAMESPACE}:${vaultKey}` });
            }
            continue;
        }
        // Athena's fields were validated, with their own config keys, by athenaArgsFromConfig.
        if (reported.has(root) || reported.has(problem.field)) {
            continue;
        }
        problems.push(
            fromConfig.has(root)
                ? { ...problem, configKey: `${CONFIG_NAMESPACE}:${root}` }
                : root === "region"
                  ? { ...problem, configKey: "aws:region" }
                  : problem,
        );
    }
    return { args: typed, problems, ...(vaultConfig.roleArn !== undefined ? { vaultRoleArn: vaultConfig.roleArn } : {}) };
}

/** A problem for each `audit-log-bucket:*` key that is not one this project reads, naming the nearest known key. */
export function unknownConfigKeyProblems(presentConfig: Readonly<Record<string, string>>): ArgProblem[] {
    const problems: ArgProblem[] = [];
    for (const [qualified, value] of Object.entries(presentConfig)) {
        if (!qualified.startsWith(`${CONFIG_NAMESPACE}:`)) {
            continue;
        }
        const key = qualified.slice(CONFIG_NAMESPACE.length + 1);
        if (!CONFIG_KEYS.includes(key)) {
            problems.push({
                field: key,
                value,
                rule: `is not a config key of ${CONFIG_NAMESPACE}, so it would be ignored; did you mean ${CONFIG_NAMESPACE}:${nearestKey(key)}?`,
                configKey: qualified,
            });
        }
    }
    return problems;
}

/**
 * The known key closest to `key` by edit distance, ignoring case (ties: the first in CONFIG_KEYS). A key that is part
 * of known keys is matched among those only: a shortened name (`eventbridge`, the provider's own property; `lock`) is
 * far from its key by edit distance but plainly meant it.
 */
export function nearestKey(key: string): string {
    const lower = key.toLowerCase();
    const containing = CONFIG_KEYS.filter((candidate) => candidate.toLowerCase().includes(lower));
    let best = CONFIG_KEYS[0];
    let bestDistance = Infinity;
    for (const candidate of containing.length > 0 ? containing : CONFIG_KEYS) {
        const distance = editDistance(lower, candidate.toLowerCase());
        if (distance < bestDistance) {
            best = candidate;
            bestDistance = distance;
        }
    }
    return best;
}

/** Levenshtein distance with adjacent transpositions (optimal string alignment). */
function editDistance(a: string, b: string): number {
    const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
    for (let i = 1; i <= a.length; i++) {
        for (let j = 1; j <= b.length; j++) {
            const cost = a[i - 1] === b[j - 1] ? 0 : 1;
            d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
            if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
                d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
            }
        }
    }
    return d[a.length][b.length];
}

function parseStringList(raw: string): string[] | undefined {
    try {
        const parsed: unknown = JSON.parse(raw);
        if (Array.isArray(parsed) && parsed.every((item) => typeof item === "string")) {
            return parsed;
        }
    } catch {
        return undefined;
    }
    return undefined;
}
