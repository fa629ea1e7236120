process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
import { startFakeAws, FakeAws } from "../../support/fakeAws/server";
import type { FakeAccount, FakeBucket } from "../../support/fakeAws/state";
import { TrailKey, TrailWriter, makeTrailKey } from "../../support/fakeAws/trailFiles";
import { IntegrityOptions, IntegrityResult, validateIntegrity } from "../../../tools/verify/integrity/validate";

export const ACCOUNT = "222222222222";
export const MEMBER = "444444444444";
export const ORG = "o-a1b2c3d4e5";
export const BUCKET = `network-compliance-logs-${ACCOUNT}-us-east-1`;
export const REPLICA = `network-compliance-logs-vault-${MEMBER}-eu-west-1`;
export const PREFIX = "cloudtrail-logs/";
export const CREDENTIALS = { accessKeyId: "AKIAINTEGRITYTEST001", secretAccessKey: "integrity-test-secret" };
export const REPLICA_CREDENTIALS = { accessKeyId: "AKIAINTEGRITYVAULT01", secretAccessKey: "integrity-vault-secret" };

/** The day validated: digests of every hour of 2026-03-04, one more before it, so the first in the window has a previous. */
export const DAY_START = new Date("2026-03-03T23:00:00Z");
export const FROM = new Date("2026-03-04T00:30:00Z");
export const TO = new Date("2026-03-04T23:30:00Z");
export const LOGS_PER_HOUR = 5;
const HOUR = 3600 * 1000;

let keys: { a: TrailKey; b: TrailKey; west: TrailKey } | undefined;

/** Real RSA key pairs, made once per test process: key a until noon of the day, b after; west for eu-west-1. */
export function trailKeys(): { a: TrailKey; b: TrailKey; west: TrailKey } {
    keys ??= {
        a: makeTrailKey("aaaa1111aaaa1111aaaa1111aaaa1111", new Date("2026-01-01T00:00:00Z"), new Date("2026-03-04T12:00:00Z")),
        b: makeTrailKey("bbbb2222bbbb2222bbbb2222bbbb2222", new Date("2026-03-04T12:00:00Z"), new Date("2027-01-01T00:00:00Z")),
        west: makeTrailKey("cccc3333cccc3333cccc3333cccc3333", new Date("2026-01-01T00:00:00Z"), new Date("2027-01-01T00:00:00Z")),
    };
    return keys;
}

export function emptyBucket(region = "us-east-1"): FakeBucket {
    return { region, versioning: { Status: "Enabled" }, logging: {}, notification: {}, objects: [] };
}

/** An account holding the audit bucket, and CloudTrail's keys for us-east-1 (a, b) and eu-west-1 (west). */
export function trailAccount(): FakeAccount {
    const { a, b, west } = trailKeys();
    return {
        accountId: ACCOUNT,
        callerArn: `arn:aws:iam::${ACCOUNT}:role/AuditVerifier`,
        buckets: { [BUCKET]: emptyBucket() },
        keys: [],
        aliases: {},
        denied: new Set(),
        publicKeys: { "us-east-1": [a, b], "eu-west-1": [west] },
        deniedObjects: new Set(),
    };
}

/** The organization trail's day in the account layout of one account: 25 digests, 5 log files an hour, a key a day. */
export function writeDay(account: FakeAccount, options: { rotate?: boolean } = {}): TrailWriter {
    const writer = new TrailWriter(account.buckets[BUCKET], { bucket: BUCKET, prefix: PREFIX, account: ACCOUNT, region: "us-east-1", trail: "organization-trail" });
    const { a, b } = trailKeys();
    writer.writeHours(DAY_START, 25, LOGS_PER_HOUR, (hour) => (options.rotate && DAY_START.getTime() + (hour + 1) * HOUR > b.validityStart.getTime() ? b : a));
    return writer;
}

/** Runs the validator in this process against a fake endpoint serving `account`; the endpoint is always closed. */
export async function validate(account: FakeAccount, options: Partial<IntegrityOptions> = {}): Promise<{ result: IntegrityResult; fake: FakeAws }> {
    const fake = await startFakeAws(account);
    try {
        const result = await validateIntegrity({ target: { bucket: BUCKET, region: "us-east-1", prefix: PREFIX }, from: FROM, to: TO, endpoint: fake.endpoint, credentials: CREDENTIALS, ...options });
        return { result, fake };
    } finally {
        await fake.close();
    }
}

/** Findings as `kind key-tail` lines, sorted: short enough to compare whole. */
export function findingLines(result: IntegrityResult): string[] {
    return result.findings.map((finding) => `${finding.kind} ${finding.key.slice(finding.key.lastIndexOf("/") + 1)}`).sort();
}
