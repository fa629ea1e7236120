/** The log prefixes inside the bucket, one per delivering service. */
export interface LogPrefixes {
    /** Where CloudTrail delivers; CloudTrail appends `AWSLogs/<account or org id>/`. @default "cloudtrail-logs/" */
    cloudTrail?: string;
    /** Where AWS Config delivers; Config appends `AWSLogs/<account>/Config/`. @default "config-logs/" */
    config?: string;
    /** Where Session Manager writes session logs. @default "ssm-logs/" */
    sessionManager?: string;
    /** Where Security Hub findings are exported (e.g. by a Firehose delivery stream). @default "securityhub-findings/" */
    securityHub?: string;
}

export type LogSource = keyof LogPrefixes;

export const DEFAULT_PREFIXES: Required<LogPrefixes> = {
    cloudTrail: "cloudtrail-logs/",
    config: "config-logs/",
    sessionManager: "ssm-logs/",
    securityHub: "securityhub-findings/",
};

export const LOG_SOURCES: readonly LogSource[] = ["cloudTrail", "config", "sessionManager", "securityHub"];

/**
 * Which sources deliver to this bucket: CloudTrail always, AWS Config unless `configDelivery` is false, the others when
 * writers are named.
 */
export interface EnabledSources {
    /** AWS Config delivers here. @default true */
    config?: boolean;
    sessionManager: boolean;
    securityHub: boolean;
}

export function resolvePrefixes(prefixes: LogPrefixes | undefined): Required<LogPrefixes> {
    return { ...DEFAULT_PREFIXES, ...definedOnly(prefixes ?? {}) };
}

/** The sources that deliver to this bucket, with their prefixes, in a stable order. */
export function enabledPrefixes(prefixes: Required<LogPrefixes>, enabled: EnabledSources): { source: LogSource; prefix: string }[] {
    return LOG_SOURCES.filter((source) => source === "cloudTrail" || (source === "config" ? enabled.config !== false : enabled[source])).map((source) => ({
        source,
        prefix: prefixes[source],
    }));
}

function definedOnly<T extends object>(value: T): Partial<T> {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
