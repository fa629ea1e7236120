/** The Athena settings: args, defaults, stack config keys and validation. The builders are in athena*.ts. */
import { AWS_REGIONS } from "./constants";
import { bucketNameProblems } from "./naming";
import type { ArgProblem } from "./validation";

/** The Athena part of the component: Glue tables over the logs, a workgroup and a results bucket. Opt-in. */
export interface AthenaArgs {
    /**
     * The Glue database the tables are created in: lowercase letters, digits and underscores (Glue and Athena take no
     * hyphens).
     * @default "audit_logs"
     */
    databaseName?: string;
    /**
     * The Athena workgroup the named queries run in; it enforces its result location, encryption and scan limit.
     * @default "audit-logs"
     */
    workgroupName?: string;
    /**
     * Days query results (and their noncurrent versions) are kept in the results bucket.
     * @default 30
     */
    resultsRetentionDays?: number;
    /**
     * Largest number of bytes one query may scan before Athena cancels it; at least 10 MiB (Athena's minimum).
     * @default 10737418240 (10 GiB)
     */
    bytesScannedCutoffPerQuery?: number;
    /**
     * First day of the partition projection, `yyyy/MM/dd`. A fixed date, so the plan does not change from one day to
     * the next; the projection always runs to `NOW`.
     * @default "2020/01/01"
     */
    projectionStartDate?: string;
    /**
     * The regions the tables' projections enumerate: the regions your trails and Config record in. Each region left
     * out is one less S3 listing per account and day on every query; a region left out is not searched.
     * @default every region of the bucket's partition (34 in aws)
     */
    regions?: string[];
}

/** The resolved settings; `regions` empty means every region of the partition. */
export type ResolvedAthenaArgs = Required<AthenaArgs>;

export const ATHENA_DEFAULTS: ResolvedAthenaArgs = {
    databaseName: "audit_logs",
    workgroupName: "audit-logs",
    resultsRetentionDays: 30,
    bytesScannedCutoffPerQuery: 10 * 1024 ** 3,
    projectionStartDate: "2020/01/01",
    regions: [],
};

/** Athena's smallest per-query scan limit (Athena API reference, WorkGroupConfiguration.BytesScannedCutoffPerQuery). */
export const MIN_BYTES_SCANNED_CUTOFF = 10 * 1024 * 1024;

/**
 * The results bucket's purpose tag. Deliberately not `audit-logs`: the policy pack treats buckets tagged so as
 * audit-log buckets, and query results are short-lived scratch data, not logs.
 */
export const ATHENA_PURPOSE_TAG = { key: "purpose", value: "athena-query-results" } as const;

/** The stack config keys of the feature; `athenaDatabase` switches it on. */
export const ATHENA_CONFIG_KEYS = [
    "athenaDatabase",
    "athenaWorkgroup",
    "athenaResultsRetentionDays",
    "athenaBytesScannedCutoffPerQuery",
    "athenaProjectionStartDate",
    "athenaRegions",
] as const;

/** config.ts's namespace, repeated: config.ts will import this module, and the import must not go both ways. */
const CONFIG_NAMESPACE = "audit-log-bucket";

const CONFIG_FIELDS: Record<(typeof ATHENA_CONFIG_KEYS)[number], keyof AthenaArgs> = {
    athenaDatabase: "databaseName",
    athenaWorkgroup: "workgroupName",
    athenaResultsRetentionDays: "resultsRetentionDays",
    athenaBytesScannedCutoffPerQuery: "bytesScannedCutoffPerQuery",
    athenaProjectionStartDate: "projectionStartDate",
    athenaRegions: "regions",
};

export function resolveAthenaArgs(athena: AthenaArgs): ResolvedAthenaArgs {
    return {
        regions: athena.regions ?? ATHENA_DEFAULTS.regions,
        databaseName: athena.databaseName ?? ATHENA_DEFAULTS.databaseName,
        workgroupName: athena.workgroupName ?? ATHENA_DEFAULTS.workgroupName,
        resultsRetentionDays: athena.resultsRetentionDays ?? ATHENA_DEFAULTS.resultsRetentionDays,
        bytesScannedCutoffPerQuery: athena.bytesScannedCutoffPerQuery ?? ATHENA_DEFAULTS.bytesScannedCutoffPerQuery,
        projectionStartDate: athena.projectionStartDate ?? ATHENA_DEFAULTS.projectionStartDate,
    };
}

/** The results bucket of an account and region: `audit-query-results-<account>-<region>`. */
export function resultsBucketName(accountId: string, region: string): string {
    return `audit-query-results-${accountId}-${region}`;
}

/**
 * The Athena args from stack config. Without `athenaDatabase` the feature is off, and any other `athena*` key is a
 * mistake worth naming. Problems name the config key they came from.
 */
export function athenaArgsFromConfig(read: (key: string) => string | undefined): { athena?: AthenaArgs; problems: ArgProblem[] } {
    const problems: ArgProblem[] = [];
    const report = (key: (typeof ATHENA_CONFIG_KEYS)[number], value: unknown, rule: string): void => {
        problems.push({ field: `athena.${CONFIG_FIELDS[key]}`, value, rule, configKey: `${CONFIG_NAMESPACE}:${key}` });
    };
    const database = read("athenaDatabase");
    if (database === undefined) {
        for (const key of ATHENA_CONFIG_KEYS) {
            const raw = read(key);
            if (raw !== undefined) {
                report(key, raw, `is only used with athenaDatabase, which switches Athena on: set ${CONFIG_NAMESPACE}:athenaDatabase or remove it`);
            }
        }
        return { problems };
    }
    const athena: AthenaArgs = { databaseName: database };
    const workgroup = read("athenaWorkgroup");
    if (workgroup !== undefined) {
        athena.workgroupName = workgroup;
    }
    const start = read("athenaProjectionStartDate");
    if (start !== undefined) {
        athena.projectionStartDate = start;
    }
    const regions = read("athenaRegions");
    if (regions !== undefined) {
        athena.regions = configList(regions);
    }
    for (const key of ["athenaResultsRetentionDays", "athenaBytesScannedCutoffPerQuery"] as const) {
        const raw = read(key);
        if (raw === undefined) {
            continue;
        }
        if (!/^\d+$/.test(raw.trim())) {
            report(key, raw, "must be a whole number");
        } else {
            (athena as Record<string, unknown>)[CONFIG_FIELDS[key]] = Number(raw);
        }
    }
    // A value that did not parse is not in `athena`, so each field is reported once.
    const keyOf = Object.fromEntries(Object.entries(CONFIG_FIELDS).map(([key, field]) => [`athena.${field}`, key]));
    for (const problem of athenaFieldProblems(athena)) {
        problems.push({ ...problem, configKey: `${CONFIG_NAMESPACE}:${keyOf[problem.field.replace(/\[\d+\]$/, "")]}` });
    }
    return { athena, problems };
}

/** Every problem with `athena` for a bucket of `context`'s account and region. */
export function validateAthenaArgs(athena: AthenaArgs, context: { accountId: string; region: string }): ArgProblem[] {
    const problems = athenaFieldProblems(athena);
    if (/^\d{12}$/.test(context.accountId) && AWS_REGIONS.includes(context.region)) {
        const name = resultsBucketName(context.accountId, context.region);
        for (const rule of bucketNameProblems(name)) {
            problems.push({ field: "athena", value: name, rule: `gives the results bucket the name "${name}", which S3 rejects: a bucket name ${rule}` });
        }
    }
    return problems;
}

function athenaFieldProblems(athena: AthenaArgs): ArgProblem[] {
    const problems: ArgProblem[] = [];
    const report = (field: keyof AthenaArgs, value: unknown, rule: string): void => {
        problems.push({ field: `athena.${field}`, value, rule });
    };
    if (athena === null || typeof athena !== "object") {
        return [{ field: "athena", value: athena, rule: "must be an object: { databaseName?, workgroupName?, resultsRetentionDays?, bytesScannedCutoffPerQuery?, projectionStartDate?, regions? }" }];
    }
    const { databaseName, workgroupName, resultsRetentionDays, bytesScannedCutoffPerQuery, projectionStartDate, regions } = athena;
    if (regions !== undefined) {
        if (!Array.isArray(regions) || regions.length === 0) {
            report("regions", regions, "must be a non-empty list of AWS regions, or left out to project every region of the partition");
        } else {
            regions.forEach((region, index) => {
                if (typeof region !== "string" || !AWS_REGIONS.includes(region)) {
                    problems.push({ field: `athena.regions[${index}]`, value: region, rule: `must be an AWS region (${AWS_REGIONS.slice(0, 3).join(", ")}, ...)` });
                }
            });
        }
    }
    if (databaseName !== undefined && (typeof databaseName !== "string" || !/^[a-z0-9_]{1,255}$/.test(databaseName))) {
        report("databaseName", databaseName, "must be 1 to 255 lowercase letters, digits or underscores: Glue database names take no hyphens or capitals");
    }
    if (workgroupName !== undefined && (typeof workgroupName !== "string" || !/^[A-Za-z0-9._-]{1,128}$/.test(workgroupName))) {
        report("workgroupName", workgroupName, "must be 1 to 128 letters, digits, dots, underscores or hyphens (Athena's workgroup name rule)");
    }
    if (resultsRetentionDays !== undefined && !(Number.isInteger(resultsRetentionDays) && resultsRetentionDays >= 1 && resultsRetentionDays <= 3650)) {
        report("resultsRetentionDays", resultsRetentionDays, "must be a whole number of days from 1 to 3650: query results are scratch data, not logs");
    }
    if (bytesScannedCutoffPerQuery !== undefined && !(Number.isSafeInteger(bytesScannedCutoffPerQuery) && bytesScannedCutoffPerQuery >= MIN_BYTES_SCANNED_CUTOFF)) {
        report("bytesScannedCutoffPerQuery", bytesScannedCutoffPerQuery, `must be a whole number of bytes, at least ${MIN_BYTES_SCANNED_CUTOFF} (10 MiB, Athena's minimum)`);
    }
    if (projectionStartDate !== undefined && parseDay(projectionStartDate) === undefined) {
        report("projectionStartDate", projectionStartDate, 'must be a calendar date written yyyy/MM/dd, e.g. "2020/01/01"');
    }
    return problems;
}

/** A list-valued config entry: JSON, as the CLI stores structured values, or a comma list. */
function configList(raw: string): string[] {
    try {
        const parsed: unknown = JSON.parse(raw);
        return Array.isArray(parsed) ? parsed.map(String) : [String(parsed)];
    } catch {
        return raw.split(",").map((item) => item.trim()).filter(Boolean);
    }
}

/** `yyyy/MM/dd` as year, month and day, or undefined when it is not a real date. */
export function parseDay(value: unknown): { year: number; month: number; day: number } | undefined {
    const match = /^(\d{4})\/(\d{2})\/(\d{2})$/.exec(String(value));
    if (!match) {
        return undefined;
    }
    const [year, month, day] = match.slice(1).map(Number);
    // Date.UTC rolls a day or month that does not exist into the next month: the month then differs.
    return new Date(Date.UTC(year, month - 1, day)).getUTCMonth() === month - 1 ? { year, month, day } : undefined;
}
