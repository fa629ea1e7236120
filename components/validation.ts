import { kmsKeyArnProblem, parseArn, partitionProblem, principalArnProblem, trailArnProblem } from "./arns";
import type { AuditLogBucketArgs } from "./args";
import { AWS_REGIONS, DEFAULT_NAME_PREFIX, LIFECYCLE_DEFAULTS, MAX_LIFECYCLE_DAYS, MIN_RETENTION_DAYS, MINIMUM_STORAGE_DAYS, PURPOSE_TAG, partitionOf } from "./constants";
import { accessLogBucketName } from "./accessLogPolicy";
import { validateAthenaArgs } from "./athena";
import { accountRegionalNameProblems, bucketName, bucketNameProblems } from "./naming";
import { policySizeProblems } from "./policySize";
import { LOG_SOURCES, resolvePrefixes } from "./prefixes";
import { validateVaultArgs } from "./vault/settings";

/** One thing wrong with the arguments: which arg (and config key), the value given, and the rule it breaks. */
export interface ArgProblem {
    /** The arg's path, e.g. `retentionDays` or `readerArns[1]`. */
    field: string;
    value: unknown;
    rule: string;
    /** The stack config key the value came from, when it came from config. */
    configKey?: string;
}

export function formatProblem(problem: ArgProblem): string {
    const source = problem.configKey ? ` (config ${problem.configKey})` : "";
    return `${problem.field}${source} = ${JSON.stringify(problem.value)}: ${problem.rule}`;
}

/** Thrown before any resource is registered, listing every problem at once. */
export class AuditLogBucketArgsError extends Error {
    constructor(
        readonly resourceName: string,
        readonly problems: readonly ArgProblem[],
    ) {
        super(
            `AuditLogBucket "${resourceName}" has ${problems.length} invalid argument${problems.length === 1 ? "" : "s"}:\n` +
                problems.map((problem) => `  - ${formatProblem(problem)}`).join("\n"),
        );
        this.name = "AuditLogBucketArgsError";
    }
}

type Report = (field: string, value: unknown, rule: string) => void;

/** The bucket's name with `bucketNameSuffix` appended, as `-<suffix>`. */
export function withNameSuffix(name: string, suffix: string | undefined): string {
    return suffix === undefined ? name : `${name}-${suffix}`;
}


/**
 * Every problem with `args`, in arg order. Values that are still `Output`s (another resource's ARN) cannot be read
 * here; they are checked when they resolve.
 */
export function validateArgs(args: AuditLogBucketArgs): ArgProblem[] {
    const problems: ArgProblem[] = [];
    const report: Report = (field, value, rule) => problems.push({ field, value, rule });

    const accountOk = typeof args.accountId === "string" && /^\d{12}$/.test(args.accountId);
    if (!accountOk) {
        report("accountId", args.accountId, "must be a 12-digit AWS account id");
    }
    const regionOk = typeof args.region === "string" && AWS_REGIONS.includes(args.region);
    if (!regionOk) {
        report("region", args.region, `must be an AWS region, one of ${AWS_REGIONS.join(", ")}`);
    }
    const namePrefix = args.namePrefix ?? DEFAULT_NAME_PREFIX;
    const suffixOk = args.bucketNameSuffix === undefined || (typeof args.bucketNameSuffix === "string" && /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(args.bucketNameSuffix));
    if (!suffixOk) {
        report("bucketNameSuffix", args.bucketNameSuffix, "must be lowercase letters, digits and hyphens, starting and ending with a letter or digit");
    }
    if (typeof namePrefix !== "string" || namePrefix.length === 0) {
        report("namePrefix", namePrefix, "must be a non-empty string");
    } else if (accountOk && regionOk && suffixOk) {
        const name = withNameSuffix(bucketName(namePrefix, args.accountId, args.region), args.bucketNameSuffix);
        for (const rule of bucketNameProblems(name)) {
            report(args.bucketNameSuffix === undefined ? "namePrefix" : "bucketNameSuffix", args.bucketNameSuffix ?? namePrefix, `gives the bucket name "${name}", which S3 rejects: a bucket name ${rule}`);
        }
    }
    validateBucketNamespace(args, namePrefix, accountOk && regionOk, report);

    const encryption = args.encryption ?? "SSE_S3";
    if (encryption !== "SSE_S3" && encryption !== "SSE_KMS") {
        report("encryption", encryption, 'must be "SSE_S3" or "SSE_KMS"');
    }
    if (args.kmsKeyArn !== undefined) {
        if (encryption === "SSE_S3") {
            report("kmsKeyArn", args.kmsKeyArn, 'is only used with encryption "SSE_KMS"; remove it or set encryption to "SSE_KMS"');
        } else if (typeof args.kmsKeyArn === "string" && regionOk) {
            reportIf(report, "kmsKeyArn", args.kmsKeyArn, kmsKeyArnProblem(args.kmsKeyArn, args.region));
        }
    }

    validateLifecycle(args, report);

    const partition = regionOk ? partitionOf(args.region) : undefined;
    const inPartition = (problemOf: (value: string) => string | undefined) => (value: string): string | undefined =>
        problemOf(value) ?? (partition ? partitionProblem(value, partition) : undefined);

    validateOrganization(args, report);
    const trailAccounts = new Set([args.accountId, ...(typeof args.managementAccountId === "string" ? [args.managementAccountId] : [])]);
    eachString(args.cloudTrailArns, "cloudTrailArns", report, inPartition((arn) => {
        const problem = trailArnProblem(arn);
        if (problem) {
            return problem;
        }
        const account = parseArn(arn)?.account ?? "";
        if (accountOk && !trailAccounts.has(account)) {
            if (args.managementAccountId !== undefined) {
                return `must be a trail of account ${args.accountId} or of the management account ${args.managementAccountId}: an organization trail lives in the management account`;
            }
            // With organizationId alone this account is the management account: no other account's trail is admitted.
            return args.organizationId === undefined
                ? `must be a trail of account ${args.accountId}; a trail of another account needs organizationId and managementAccountId (an organization trail delivering to a central log archive)`
                : `must be a trail of account ${args.accountId}: with organizationId alone this account is the management account, whose trails are the organization trail; a trail of another account needs managementAccountId (a central log archive)`;
        }
        return undefined;
    }));
    for (const field of ["readerArns", "sessionManagerWriterArns", "securityHubWriterArns"] as const) {
        eachString(args[field], field, report, inPartition(principalArnProblem));
    }

    const writers = new Set([...asList(args.sessionManagerWriterArns), ...asList(args.securityHubWriterArns)].filter((arn) => typeof arn === "string"));
    asList(args.readerArns).forEach((arn, index) => {
        if (typeof arn === "string" && writers.has(arn)) {
            report(`readerArns[${index}]`, arn, "is also a log writer: readers are denied every write, so give reading and writing to separate roles");
        }
    });

    validateObjectLock(args, report);

    validateAccessLogging(args, namePrefix, accountOk && regionOk, report);

    if (args.allowDeletion !== undefined && typeof args.allowDeletion !== "boolean") {
        report("allowDeletion", args.allowDeletion, "must be true or false");
    } else if (args.allowDeletion === true && args.objectLockDays !== undefined) {
        report(
            "allowDeletion",
            args.allowDeletion,
            "cannot be combined with Object Lock (objectLockDays): locked versions cannot be deleted until their retention ends, so the bucket could not be destroyed; drop one of them",
        );
    }

    validateConfigDelivery(args, report);

    if (args.eventBridgeNotifications !== undefined && typeof args.eventBridgeNotifications !== "boolean") {
        report("eventBridgeNotifications", args.eventBridgeNotifications, "must be true or false");
    }

    validatePrefixes(args, report);

    for (const [key, value] of Object.entries(args.tags ?? {})) {
        if (typeof value !== "string") {
            report(`tags.${key}`, value, "must be a string");
        } else if (key === PURPOSE_TAG.key && value !== PURPOSE_TAG.value) {
            report(`tags.${key}`, value, `is reserved: the policy pack recognises audit-log buckets by ${PURPOSE_TAG.key}=${PURPOSE_TAG.value}`);
        }
    }
    if (args.vault !== undefined && accountOk && regionOk) {
        problems.push(
            ...validateVaultArgs(args.vault, {
                accountId: args.accountId,
                region: args.region,
                namePrefix: typeof namePrefix === "string" ? namePrefix : DEFAULT_NAME_PREFIX,
                retentionDays: typeof args.retentionDays === "number" ? args.retentionDays : LIFECYCLE_DEFAULTS.retentionDays,
                allowDeletion: args.allowDeletion === true,
            }),
        );
    }
    if (args.athena !== undefined && accountOk && regionOk) {
        problems.push(...validateAthenaArgs(args.athena, { accountId: args.accountId, region: args.region }));
    }
    validatePolicyScopeAndSize(args, problems);
    return problems;
}

/**
 * `bucketNamespace`: S3's global namespace, or the account's own regional one, where the name takes the suffix S3
 * requires there (`-an`) and only regions that offer it are accepted. A prefix that is already wrong was reported
 * under namePrefix.
 */
function validateBucketNamespace(args: AuditLogBucketArgs, namePrefix: unknown, identityOk: boolean, report: Report): void {
    const namespace: unknown = args.bucketNamespace;
    if (namespace === undefined || namespace === "global") {
        return;
    }
    if (namespace !== "account-regional") {
        report("bucketNamespace", namespace, 'must be "global" (S3\'s shared namespace) or "account-regional" (names only this account can create)');
        return;
    }
    if (args.bucketNameSuffix !== undefined) {
        // AWS-S3-602: an account-regional name ends in -<account>-<region>-an; nothing may follow it.
        report("bucketNameSuffix", args.bucketNameSuffix, 'cannot go with bucketNamespace "account-regional", whose names must end in -<account>-<region>-an: give the new bucket another namePrefix instead');
    }
    if (!identityOk || typeof namePrefix !== "string" || namePrefix.length === 0 || bucketNameProblems(bucketName(namePrefix, args.accountId, args.region)).length > 0) {
        return;
    }
    // AWS-S3-602: the suffixed name must still meet S3's general rules (63 characters at most)
    const name = bucketName(namePrefix, args.accountId, args.region, "account-regional");
    for (const rule of [...bucketNameProblems(name), ...accountRegionalNameProblems(name, args.accountId, args.region).filter((problem) => !problem.startsWith("is not offered"))]) {
        report("namePrefix", namePrefix, `with bucketNamespace "account-regional" gives the bucket name "${name}", which S3 rejects: a bucket name ${rule}`);
    }
    // AWS-S3-603: the namespace is not offered in every region
    for (const rule of accountRegionalNameProblems(name, args.accountId, args.region).filter((problem) => problem.startsWith("is not offered"))) {
        report("bucketNamespace", namespace, rule);
    }
}

/**
 * `sourceOrgPaths`, then whether the bucket and key policies fit S3's and KMS's limits. The sizes are computed only
 * for args that are otherwise valid, since the policies are built from them; a value that is still an Output is
 * counted at its longest, and validateArgs runs again, exactly, once it resolves.
 */
function validatePolicyScopeAndSize(args: AuditLogBucketArgs, problems: ArgProblem[]): void {
    const report: Report = (field, value, rule) => problems.push({ field, value, rule });
    validateSourceOrgPaths(args, report);
    if (problems.length === 0) {
        problems.push(...policySizeProblems(args));
    }
}

/** An organizational-unit path as aws:SourceOrgPaths carries it: o-.../r-.../ou-.../ (AWS-IAM-003), with an optional trailing *. */
const ORG_PATH = /^o-[a-z0-9]{10,32}\/(r-[0-9a-z]{4,32}\/(ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}\/)*)?\*?$/;

function validateSourceOrgPaths(args: AuditLogBucketArgs, report: Report): void {
    const paths: unknown = args.sourceOrgPaths;
    if (paths === undefined) {
        return;
    }
    if (!Array.isArray(paths)) {
        report("sourceOrgPaths", paths, "must be a list");
        return;
    }
    if (args.managementAccountId === undefined || args.organizationId === undefined) {
        report("sourceOrgPaths", paths, "needs managementAccountId and organizationId: it scopes the deliveries of member accounts to a central log archive");
    }
    const seen = new Set<unknown>();
    paths.forEach((path: unknown, index) => {
        if (typeof path !== "string" || !ORG_PATH.test(path)) {
            report(`sourceOrgPaths[${index}]`, path, "must be an organizational-unit path such as o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/ (or ending with * for the units below it)");
        } else if (args.organizationId !== undefined && !path.startsWith(`${args.organizationId}/`)) {
            report(`sourceOrgPaths[${index}]`, path, `must be a path of the organization ${args.organizationId}: it starts with the organization id`);
        } else if (seen.has(path)) {
            report(`sourceOrgPaths[${index}]`, path, "is listed twice");
        }
        seen.add(path);
    });
}

function validateOrganization(args: AuditLogBucketArgs, report: Report): void {
    if (args.organizationId !== undefined && !/^o-[a-z0-9]{10,32}$/.test(String(args.organizationId))) {
        report("organizationId", args.organizationId, "must be an AWS Organizations id: o- followed by 10 to 32 lowercase letters or digits");
    }
    if (args.managementAccountId !== undefined) {
        if (typeof args.managementAccountId !== "string" || !/^\d{12}$/.test(args.managementAccountId)) {
            report("managementAccountId", args.managementAccountId, "must be a 12-digit AWS account id");
        } else if (args.organizationId === undefined) {
            report("managementAccountId", args.managementAccountId, "needs organizationId: central log-archive mode admits the deliveries of one organization");
        }
    }
    if (args.sourceAccountIds === undefined) {
        return;
    }
    if (!Array.isArray(args.sourceAccountIds)) {
        report("sourceAccountIds", args.sourceAccountIds, "must be a list");
        return;
    }
    if (args.managementAccountId === undefined) {
        report("sourceAccountIds", args.sourceAccountIds, "needs managementAccountId and organizationId: member accounts deliver only to a central log archive");
    }
    const seen = new Set<unknown>();
    args.sourceAccountIds.forEach((id: unknown, index) => {
        if (typeof id !== "string" || !/^\d{12}$/.test(id)) {
            report(`sourceAccountIds[${index}]`, id, "must be a 12-digit AWS account id");
        } else if (seen.has(id)) {
            report(`sourceAccountIds[${index}]`, id, "is listed twice");
        }
        seen.add(id);
    });
}

function validateAccessLogging(args: AuditLogBucketArgs, namePrefix: unknown, identityOk: boolean, report: Report): void {
    if (args.createAccessLogBucket !== undefined && typeof args.createAccessLogBucket !== "boolean") {
        report("createAccessLogBucket", args.createAccessLogBucket, "must be true or false");
    }
    const creates = args.createAccessLogBucket === true;
    if (args.accessLogBucket !== undefined) {
        const target = String(args.accessLogBucket);
        for (const rule of bucketNameProblems(target)) {
            report("accessLogBucket", args.accessLogBucket, `is not a valid bucket name: a bucket name ${rule}`);
        }
        if (identityOk && typeof namePrefix === "string" && target === withNameSuffix(bucketName(namePrefix, args.accountId, args.region, args.bucketNamespace === "account-regional" ? "account-regional" : "global"), typeof args.bucketNameSuffix === "string" ? args.bucketNameSuffix : undefined)) {
            report("accessLogBucket", args.accessLogBucket, "must be another bucket: a bucket logging to itself logs its own log writes forever");
        }
    }
    if (creates && args.accessLogBucket === undefined && identityOk) {
        for (const rule of bucketNameProblems(accessLogBucketName(args.accountId, args.region))) {
            report("createAccessLogBucket", true, `gives the bucket name "${accessLogBucketName(args.accountId, args.region)}", which S3 rejects: a bucket name ${rule}; set accessLogBucket`);
        }
    }
    if (args.accessLogPrefix !== undefined && !isPrefix(args.accessLogPrefix)) {
        report("accessLogPrefix", args.accessLogPrefix, 'must be a non-empty key prefix ending with "/"');
    } else if (args.accessLogPrefix !== undefined && args.accessLogBucket === undefined && !creates) {
        report("accessLogPrefix", args.accessLogPrefix, "is only used with accessLogBucket or createAccessLogBucket; set one or remove it");
    }
}

function validateLifecycle(args: AuditLogBucketArgs, report: Report): void {
    const days = {
        glacierAfterDays: args.glacierAfterDays ?? LIFECYCLE_DEFAULTS.glacierAfterDays,
        deepArchiveAfterDays: args.deepArchiveAfterDays ?? LIFECYCLE_DEFAULTS.deepArchiveAfterDays,
        retentionDays: args.retentionDays ?? LIFECYCLE_DEFAULTS.retentionDays,
        noncurrentVersionExpirationDays: args.noncurrentVersionExpirationDays ?? LIFECYCLE_DEFAULTS.noncurrentVersionExpirationDays,
    };
    let allWhole = true;
    for (const [field, value] of Object.entries(days)) {
        if (!isWholeNumber(value, 1)) {
            report(field, value, `must be a whole number of days from 1 to ${MAX_LIFECYCLE_DAYS}`);
            allWhole = false;
        }
    }
    for (const field of ["archiveMinObjectSizeBytes", "instantRetrievalMinObjectSizeBytes"] as const) {
        if (args[field] !== undefined && !isWholeNumber(args[field], 0)) {
            report(field, args[field], "must be a whole number of bytes, 0 or more");
        }
    }
    if (
        isWholeNumber(args.instantRetrievalMinObjectSizeBytes, 0) &&
        isWholeNumber(args.archiveMinObjectSizeBytes ?? LIFECYCLE_DEFAULTS.archiveMinObjectSizeBytes, 0) &&
        args.instantRetrievalMinObjectSizeBytes > (args.archiveMinObjectSizeBytes ?? LIFECYCLE_DEFAULTS.archiveMinObjectSizeBytes)
    ) {
        report(
            "instantRetrievalMinObjectSizeBytes",
            args.instantRetrievalMinObjectSizeBytes,
            `must not exceed archiveMinObjectSizeBytes (${args.archiveMinObjectSizeBytes ?? LIFECYCLE_DEFAULTS.archiveMinObjectSizeBytes}): objects above that go to Glacier Flexible Retrieval`,
        );
    }
    if (!allWhole) {
        return;
    }
    if (days.deepArchiveAfterDays <= days.glacierAfterDays) {
        report("deepArchiveAfterDays", days.deepArchiveAfterDays, `must come after glacierAfterDays (${days.glacierAfterDays}): lifecycle days out of order`);
    } else if (days.deepArchiveAfterDays - days.glacierAfterDays < MINIMUM_STORAGE_DAYS.GLACIER) {
        report(
            "deepArchiveAfterDays",
            days.deepArchiveAfterDays,
            `must be at least ${MINIMUM_STORAGE_DAYS.GLACIER} days after glacierAfterDays (${days.glacierAfterDays}): Glacier Flexible Retrieval bills a ${MINIMUM_STORAGE_DAYS.GLACIER}-day minimum`,
        );
    }
    const lastTier = Math.max(days.glacierAfterDays, days.deepArchiveAfterDays);
    if (days.retentionDays < MIN_RETENTION_DAYS) {
        report("retentionDays", days.retentionDays, `must be at least ${MIN_RETENTION_DAYS} days: audit logs are kept a year at least (the policy pack's mandatory audit-log-retention)`);
    } else if (days.retentionDays <= lastTier) {
        report("retentionDays", days.retentionDays, `must be longer than the archive tiers (deepArchiveAfterDays ${days.deepArchiveAfterDays}): retention shorter than the archive tiers`);
    } else if (days.retentionDays - days.deepArchiveAfterDays < MINIMUM_STORAGE_DAYS.DEEP_ARCHIVE) {
        report(
            "retentionDays",
            days.retentionDays,
            `must be at least ${MINIMUM_STORAGE_DAYS.DEEP_ARCHIVE} days after deepArchiveAfterDays (${days.deepArchiveAfterDays}): Deep Archive bills a ${MINIMUM_STORAGE_DAYS.DEEP_ARCHIVE}-day minimum`,
        );
    }
}

function validateObjectLock(args: AuditLogBucketArgs, report: Report): void {
    if (args.objectLockMode !== undefined && args.objectLockMode !== "GOVERNANCE" && args.objectLockMode !== "COMPLIANCE") {
        report("objectLockMode", args.objectLockMode, 'must be "GOVERNANCE" or "COMPLIANCE"');
    }
    if (args.objectLockDays === undefined) {
        if (args.objectLockMode !== undefined) {
            report("objectLockMode", args.objectLockMode, "needs objectLockDays: Object Lock is only on when a default retention is set");
        }
        return;
    }
    const retentionDays = args.retentionDays ?? LIFECYCLE_DEFAULTS.retentionDays;
    if (!isWholeNumber(args.objectLockDays, 1)) {
        report("objectLockDays", args.objectLockDays, "must be a whole number of days, 1 or more");
    } else if (typeof retentionDays === "number" && args.objectLockDays > retentionDays) {
        report("objectLockDays", args.objectLockDays, `must not exceed retentionDays (${retentionDays}): locked versions would outlive the retention period`);
    }
}

/**
 * Object Lock only where every delivery accepts it. AWS Config is the one writer AWS documents as refusing it
 * (AWS-CFG-200); the others send the integrity header S3 demands of a write into a locked bucket, or are not known
 * to fail (AWS-S3-200, AWS-SSM-200).
 */
function validateConfigDelivery(args: AuditLogBucketArgs, report: Report): void {
    if (args.configDelivery !== undefined && typeof args.configDelivery !== "boolean") {
        report("configDelivery", args.configDelivery, "must be true or false");
        return;
    }
    // AWS-CFG-200: Config does not support a delivery channel to a bucket with Object Lock.
    if (args.configDelivery !== false && args.objectLockDays !== undefined) {
        report(
            "objectLockDays",
            args.objectLockDays,
            "cannot be set while AWS Config delivers to this bucket (configDelivery, true by default): AWS Config does not support a delivery channel to an S3 bucket with Object Lock enabled, so Config would deliver nothing; " +
                "keep this bucket unlocked and set vaultRegion (the vault arg) for a WORM copy in another region, or set configDelivery to false if Config delivers elsewhere",
        );
    }
}

function validatePrefixes(args: AuditLogBucketArgs, report: Report): void {
    const prefixes = resolvePrefixes(args.prefixes);
    for (const source of LOG_SOURCES) {
        const prefix = prefixes[source];
        if (!isPrefix(prefix)) {
            report(`prefixes.${source}`, prefix, 'must be a non-empty key prefix ending with "/"');
        } else if (prefix.startsWith("/") || !/^[A-Za-z0-9!_.*'()\/-]+$/.test(prefix)) {
            report(`prefixes.${source}`, prefix, "must not start with / and may contain only letters, digits and !_.*'()-/");
        }
    }
    for (const source of LOG_SOURCES) {
        for (const other of LOG_SOURCES) {
            if (source !== other && isPrefix(prefixes[source]) && prefixes[other].startsWith(prefixes[source])) {
                report(`prefixes.${other}`, prefixes[other], `must not overlap prefixes.${source} ("${prefixes[source]}"): each source's writers are confined to their own prefix`);
            }
        }
    }
}

function eachString(values: readonly unknown[] | undefined, field: string, report: Report, problemOf: (value: string) => string | undefined): void {
    if (values === undefined) {
        return;
    }
    if (!Array.isArray(values)) {
        report(field, values, "must be a list");
        return;
    }
    values.forEach((value, index) => {
        if (typeof value === "string") {
            reportIf(report, `${field}[${index}]`, value, problemOf(value));
        }
    });
}

/** A list arg as a list; anything else (reported by eachString) as none. */
function asList(values: readonly unknown[] | undefined): readonly unknown[] {
    return Array.isArray(values) ? values : [];
}

function reportIf(report: Report, field: string, value: unknown, problem: string | undefined): void {
    if (problem) {
        report(field, value, problem);
    }
}

function isWholeNumber(value: unknown, min: number): value is number {
    return typeof value === "number" && Number.isInteger(value) && value >= min && value <= MAX_LIFECYCLE_DAYS;
}

function isPrefix(value: unknown): value is string {
    return typeof value === "string" && value.length > 1 && value.endsWith("/");
}
