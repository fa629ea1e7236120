import type { LiveReader } from "./read";

/** The services that deliver into the audit bucket, as the component names its prefixes. */
export type LogService = "cloudTrail" | "config" | "sessionManager" | "securityHub";

/** What arrived under one prefix for one account. */
export interface Delivery {
    prefix: string;
    service: LogService;
    account: string;
    markerPresent: boolean;
    newestKey: string | null;
    newestAgeHours: number | null;
    /** Why this is a finding; null when it is not one (Session Manager and Security Hub silence never is). */
    finding: string | null;
}

export interface DeliveryCheck {
    bucket: string;
    region: string;
    prefixes: { service: LogService; prefix: string }[];
    /** One entry per account: the stack's own, or each source account of a log-archive layout. */
    accounts: string[];
    organizationId?: string;
    maxAgeHours: number;
    now: Date;
}

const DAY_MS = 24 * 3600 * 1000;
/** How far back past the window to look for the last delivery, so a finding can say how old it is. */
const EXTRA_LOOKBACK_DAYS = 7;

/**
 * Marker objects and the newest delivery per dated prefix. CloudTrail writes `AWSLogs/<account>/CloudTrail/<region>/
 * yyyy/MM/dd/` (an organization trail `AWSLogs/<org>/<account>/...`), Config `AWSLogs/<account>/Config/<region>/
 * yyyy/M/d/` without zero padding, Firehose `yyyy/MM/dd/HH/`. ListObjectsV2 lists in key order, not time order, so
 * the newest is found by listing the most recent days' prefixes, newest day first, never the whole history.
 */
export async function checkDeliveries(reader: LiveReader, check: DeliveryCheck): Promise<Delivery[]> {
    const deliveries: Delivery[] = [];
    for (const { service, prefix } of check.prefixes) {
        const marker = await reader.listPage(check.bucket, prefix, 1);
        const markerPresent = marker.objects[0]?.key === prefix;
        const accounts = service === "cloudTrail" || service === "config" ? check.accounts : [check.accounts[0]];
        for (const account of accounts) {
            const newest = await newestDelivery(reader, check, service, prefix, account);
            const age = newest ? (check.now.getTime() - newest.lastModified.getTime()) / 3600000 : null;
            deliveries.push({
                prefix,
                service,
                account,
                markerPresent,
                newestKey: newest?.key ?? null,
                newestAgeHours: age === null ? null : Math.round(age * 10) / 10,
                finding: finding(check, service, prefix, account, markerPresent, newest?.key, age),
            });
        }
    }
    return deliveries;
}

function finding(check: DeliveryCheck, service: LogService, prefix: string, account: string, markerPresent: boolean, newestKey: string | undefined, age: number | null): string | null {
    const problems: string[] = [];
    if (!markerPresent) {
        problems.push(`the marker object ${prefix} is missing`);
    }
    if (service === "cloudTrail" || service === "config") {
        const name = service === "cloudTrail" ? "CloudTrail" : "Config";
        if (age === null) {
            const days = lookbackDays(check.maxAgeHours);
            problems.push(`no ${name} delivery for account ${account} in the last ${days} days`);
        } else if (age > check.maxAgeHours) {
            problems.push(`no ${name} delivery for account ${account} in the last ${check.maxAgeHours} h (newest ${newestKey}, ${age.toFixed(1)} h old)`);
        }
    }
    return problems.length > 0 ? problems.join("; ") : null;
}

async function newestDelivery(reader: LiveReader, check: DeliveryCheck, service: LogService, prefix: string, account: string): Promise<{ key: string; lastModified: Date } | undefined> {
    if (service === "sessionManager") {
        // Session logs are `<session id>.log` with no date in the key: one page is all that is read.
        const page = await reader.listPage(check.bucket, prefix, 1000);
        return newestOf(page.objects.filter((object) => object.key !== prefix));
    }
    const bases = datedBases(check, service, prefix, account);
    for (let day = 0; day < lookbackDays(check.maxAgeHours); day++) {
        const date = new Date(check.now.getTime() - day * DAY_MS);
        let newest: { key: string; lastModified: Date } | undefined;
        for (const base of bases) {
            newest = newestOf([...(newest ? [newest] : []), ...(await listAll(reader, check.bucket, base + datePath(service, date)))]);
        }
        if (newest) {
            return newest;
        }
    }
    return undefined;
}

/** Where a service's dated keys start for one account. */
export function datedBases(check: Pick<DeliveryCheck, "region" | "organizationId">, service: Exclude<LogService, "sessionManager">, prefix: string, account: string): string[] {
    switch (service) {
        case "cloudTrail": {
            const own = `${prefix}AWSLogs/${account}/CloudTrail/${check.region}/`;
            return check.organizationId ? [`${prefix}AWSLogs/${check.organizationId}/${account}/CloudTrail/${check.region}/`, own] : [own];
        }
        case "config":
            return [`${prefix}AWSLogs/${account}/Config/${check.region}/`];
        case "securityHub":
            return [prefix];
    }
}

/** `yyyy/MM/dd/` for CloudTrail and Firehose, `yyyy/M/d/` for Config, in UTC. */
export function datePath(service: LogService, date: Date): string {
    const year = date.getUTCFullYear();
    const month = date.getUTCMonth() + 1;
    const day = date.getUTCDate();
    if (service === "config") {
        return `${year}/${month}/${day}/`;
    }
    return `${year}/${String(month).padStart(2, "0")}/${String(day).padStart(2, "0")}/`;
}

function lookbackDays(maxAgeHours: number): number {
    return Math.ceil(maxAgeHours / 24) + 1 + EXTRA_LOOKBACK_DAYS;
}

export async function listAll(reader: LiveReader, bucket: string, prefix: string): Promise<{ key: string; lastModified: Date }[]> {
    const objects: { key: string; lastModified: Date }[] = [];
    let token: string | undefined;
    do {
        const page = await reader.listPage(bucket, prefix, 1000, token);
        objects.push(...page.objects);
        token = page.next;
    } while (token);
    return objects;
}

function newestOf<T extends { lastModified: Date }>(objects: T[]): T | undefined {
    return objects.reduce<T | undefined>((newest, object) => (!newest || object.lastModified > newest.lastModified ? object : newest), undefined);
}
