/**
 * CloudTrail's key layout (CloudTrail user guide, "CloudTrail digest file structure", AWS-CT-300):
 * `<prefix>AWSLogs/[<org id>/]<account>/CloudTrail-Digest/<region>/yyyy/MM/dd/
 *  <account>_CloudTrail-Digest_<region>_<trail>_<home region>_<yyyyMMddTHHmmssZ>[_backfill].json.gz`,
 * and log files under `.../CloudTrail/<region>/yyyy/MM/dd/<account>_CloudTrail_<region>_<yyyyMMddTHHmmZ>_<id>.json.gz`.
 */

export interface DigestName {
    key: string;
    account: string;
    region: string;
    trail: string;
    homeRegion: string;
    /** The digest's end time, from the key. */
    end: Date;
    backfill: boolean;
}

const REGION = "[a-z]{2}(?:-[a-z0-9]+)+-\\d+";
const DIGEST = new RegExp(`^(\\d{12})_CloudTrail-Digest_(${REGION})_(.+)_(${REGION})_(\\d{8}T\\d{6}Z)(_backfill)?\\.json\\.gz$`);
const LOG = new RegExp(`^(\\d{12})_CloudTrail_(${REGION})_(\\d{8}T\\d{4}Z)_[^/]+\\.json\\.gz$`);

/** A digest key's parts, or undefined for a key that is not a digest file. */
export function parseDigestKey(key: string): DigestName | undefined {
    const match = DIGEST.exec(key.slice(key.lastIndexOf("/") + 1));
    if (!match) {
        return undefined;
    }
    return { key, account: match[1], region: match[2], trail: match[3], homeRegion: match[4], end: compactTime(match[5]), backfill: match[6] !== undefined };
}

/** A log file key's delivery time, or undefined for a key that is not a CloudTrail log file. */
export function logKeyTime(key: string): Date | undefined {
    const match = LOG.exec(key.slice(key.lastIndexOf("/") + 1));
    return match ? compactTime(match[3]) : undefined;
}

/** One chain: the digests of one trail, one region, one account; backfill digests are their own series. */
export function chainId(name: DigestName): string {
    return `${name.account}/${name.region}/${name.trail}/${name.homeRegion}${name.backfill ? "/backfill" : ""}`;
}

/** `20260305T010000Z` or `20260305T0100Z` as a Date. */
export function compactTime(text: string): Date {
    const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})?Z$/.exec(text);
    if (!match) {
        return new Date(NaN);
    }
    return new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]), Number(match[4]), Number(match[5]), Number(match[6] ?? "0")));
}

/** The UTC days `yyyy/MM/dd` from `from` to `to`, both included. */
export function dayPaths(from: Date, to: Date): string[] {
    const days: string[] = [];
    const day = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate()));
    while (day.getTime() <= to.getTime()) {
        days.push(`${day.getUTCFullYear()}/${pad(day.getUTCMonth() + 1)}/${pad(day.getUTCDate())}`);
        day.setUTCDate(day.getUTCDate() + 1);
    }
    return days;
}

/**
 * The listing window of a validation from `from` to `to`, widened as the AWS CLI's validate-logs widens it
 * (AWS-SDK-301): its listing marker is one minute before the start, and it keeps digests up to one hour after the
 * end, "to get logs that spilled over to next".
 */
export function listingWindow(from: Date, to: Date): { from: Date; to: Date } {
    return { from: new Date(from.getTime() - 60 * 1000), to: new Date(to.getTime() + 3600 * 1000) };
}

function pad(value: number): string {
    return String(value).padStart(2, "0");
}

/** `2026-03-05T01:00:00Z`: the CLI's display format, seconds and no milliseconds. */
export function displayTime(date: Date): string {
    return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}
