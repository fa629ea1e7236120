import type { AuditLogBucketArgs, EncryptionMode, ObjectLockMode } from "./args";
import { ArgProblem, validateArgs } from "./validation";

/** The stack config namespace of this project's keys. */
export const CONFIG_NAMESPACE = "audit-log-bucket";

const STRING_KEYS = ["accountId", "namePrefix", "encryption", "kmsKeyArn", "organizationId", "accessLogBucket", "accessLogPrefix", "objectLockMode"] as const;
const NUMBER_KEYS = [
    "glacierAfterDays",
    "deepArchiveAfterDays",
    "retentionDays",
    "noncurrentVersionExpirationDays",
    "archiveMinObjectSizeBytes",
    "instantRetrievalMinObjectSizeBytes",
    "objectLockDays",
] as const;
const LIST_KEYS = ["cloudTrailArns", "readerArns", "sessionManagerWriterArns", "securityHubWriterArns"] as const;
const BOOLEAN_KEYS = ["allowDeletion"] as const;

/** Every key this project reads from `audit-log-bucket:*`, for documentation and for rejecting typos. */
export const CONFIG_KEYS: readonly string[] = [...STRING_KEYS, ...NUMBER_KEYS, ...LIST_KEYS, ...BOOLEAN_KEYS];

export interface StackConfigResult {
    args: AuditLogBucketArgs;
    /** Every problem, each naming the config key it came from. */
    problems: ArgProblem[];
}

/**
 * Turns a stack's config into component args. `read` returns a project key's raw string (as `pulumi config get`
 * prints it); `region` is `aws:region`; `callerAccountId` is used when `accountId` is not set.
 */
export function argsFromStackConfig(read: (key: string) => string | undefined, region: string | undefined, callerAccountId?: string): StackConfigResult {
    const problems: ArgProblem[] = [];
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
        if (reported.has(root)) {
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
    return { args: typed, problems };
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
