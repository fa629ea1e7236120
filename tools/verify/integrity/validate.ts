import type { KeyObject } from "crypto";
import { DigestFile, parseDigest, publicKeyFromValue, stringToSign, verifySignature } from "./digest";
import { Limiter } from "./limit";
import { DigestName, chainId, dayPaths, displayTime, listingWindow, logKeyTime, parseDigestKey } from "./names";
import { Credentials, IntegrityReader } from "./reader";
import { FormatError, gunzipSha256 } from "./stream";

/** Where a trail's files are: the bucket, its region, and the trail's key prefix (`""` or ending in `/`). */
export interface IntegrityTarget {
    bucket: string;
    region: string;
    prefix: string;
}

/** A copy of the bucket (the vault): read with its own region and credentials, validated against the source's names. */
export interface ReplicaTarget {
    bucket: string;
    region: string;
    credentials?: Credentials;
}

export interface IntegrityOptions {
    target: IntegrityTarget;
    from: Date;
    to: Date;
    endpoint?: string;
    credentials?: Credentials;
    /** Who is calling, for the messages of refusals. */
    caller?: string;
    /** Requests in flight at once. @default 16 */
    concurrency?: number;
    replica?: ReplicaTarget;
}

export interface IntegrityFinding {
    kind: FindingKind;
    key: string;
    message: string;
}

export type FindingKind =
    | "digest-invalid"
    | "digest-missing"
    | "digest-unreadable"
    | "chain-broken"
    | "log-invalid"
    | "log-missing"
    | "log-unreadable"
    | "log-unverified"
    | "replica-digest-differs"
    | "replica-log-differs";

export interface IntegrityGap {
    trail: string;
    account: string;
    region: string;
    from: string;
    to: string;
}

export interface DigestCounts {
    valid: number;
    invalid: number;
    missing: number;
}

export interface LogCounts {
    valid: number;
    invalid: number;
    missing: number;
    archived: number;
    unverified: number;
    unreadable: number;
}

/** The `integrity` member of the verify document. */
export interface IntegrityResult {
    from: string;
    to: string;
    chains: number;
    digests: DigestCounts;
    logFiles: LogCounts;
    gaps: IntegrityGap[];
    findings: IntegrityFinding[];
    /** Only with a replica: the same checks on the copy, against the source's names. */
    replica?: { bucket: string; digests: DigestCounts; logFiles: Omit<LogCounts, "unverified"> };
}

interface ListedDigest {
    name: DigestName;
    chain: string;
}

/** One digest as read and checked: `problem` says why it is not valid. */
interface CheckedDigest {
    listed: ListedDigest;
    state: "valid" | "invalid" | "missing" | "unreadable";
    problem?: string;
    digest?: DigestFile;
    sha256?: string;
    signature?: string;
    /** Valid on its own, but its link to the previous digest does not match that digest. */
    brokenLink?: boolean;
}

const LOG_STATES = ["valid", "invalid", "missing", "archived", "unreadable"] as const;
type LogState = (typeof LOG_STATES)[number];

/**
 * Validates every CloudTrail digest chain of the bucket in the window, and every log file those digests list, as
 * CloudTrail documents it and the AWS CLI's `validate-logs` does (awscli/customizations/cloudtrail/validation.py),
 * for all trails, regions and accounts at once, with read calls only.
 */
export async function validateIntegrity(options: IntegrityOptions): Promise<IntegrityResult> {
    const limiter = new Limiter(options.concurrency ?? 16);
    const { bucket, prefix } = options.target;
    const reader = new IntegrityReader({ region: options.target.region, endpoint: options.endpoint, credentials: options.credentials, limiter, caller: options.caller });
    const replicaReader = options.replica && new IntegrityReader({ region: options.replica.region, endpoint: options.endpoint, credentials: options.replica.credentials ?? options.credentials, limiter, caller: options.caller });
    try {
        const window = listingWindow(options.from, options.to);
        const roots = await accountRoots(reader, bucket, prefix);
        // The log listing (for unverified logs) runs alongside the digests; each digest's log files are read as
        // soon as the digest validates, not after the last one.
        const logListing = listLogKeys(reader, bucket, roots, options.from, options.to);
        const listed = await listDigests(reader, bucket, roots, window);
        const keys = new PublicKeys(reader, window);
        const checked = new Map<string, CheckedDigest>();
        const logs = new Map<string, { bucket: string; key: string; hashValue: string }>();
        const logChecks: Promise<{ log: { bucket: string; key: string }; result: { state: LogState; problem?: string } }>[] = [];
        await Promise.all(
            listed.map(async (entry) => {
                const digest = await checkDigest(reader, bucket, bucket, entry, keys);
                checked.set(entry.name.key, digest);
                // Every log file a valid digest lists, once. A digest whose link turns out broken later is still
                // CloudTrail's signed word on its logs.
                for (const log of digest.state === "valid" ? (digest.digest?.logFiles ?? []) : []) {
                    const id = `${log.s3Bucket}/${log.s3Object}`;
                    if (!logs.has(id)) {
                        const ref = { bucket: log.s3Bucket, key: log.s3Object, hashValue: log.hashValue };
                        logs.set(id, ref);
                        logChecks.push(checkLog(reader, ref.bucket, ref.key, ref.hashValue).then((result) => ({ log: ref, result })));
                    }
                }
            }),
        );

        const findings: IntegrityFinding[] = [];
        const gaps: IntegrityGap[] = [];
        const digests: DigestCounts = { valid: 0, invalid: 0, missing: 0 };
        const chains = groupChains(listed);
        for (const chain of chains.values()) {
            await walkChain(reader, bucket, chain, checked, window.from, findings, gaps);
        }
        // Digests a link names that are not there (walkChain), then each listed digest that is not valid.
        digests.missing = findings.length;
        for (const entry of checked.values()) {
            digests[entry.state === "valid" ? "valid" : entry.state === "missing" ? "missing" : "invalid"]++;
            if (entry.state !== "valid") {
                const kind = entry.brokenLink ? "chain-broken" : entry.state === "missing" ? "digest-missing" : entry.state === "unreadable" ? "digest-unreadable" : "digest-invalid";
                findings.push({ kind, key: s3Url(bucket, entry.listed.name.key), message: `Digest file ${s3Url(bucket, entry.listed.name.key)} INVALID: ${entry.problem}` });
            }
        }

        const logFiles: LogCounts = { valid: 0, invalid: 0, missing: 0, archived: 0, unverified: 0, unreadable: 0 };
        for (const { log, result } of await Promise.all(logChecks)) {
            logFiles[result.state]++;
            if (result.state !== "valid" && result.state !== "archived") {
                findings.push({ kind: `log-${result.state}`, key: s3Url(log.bucket, log.key), message: `Log file ${s3Url(log.bucket, log.key)} INVALID: ${result.problem}` });
            }
        }
        // Logs under the trail's day prefixes that no valid digest lists; inside a gap they are explained by it.
        for (const key of await logListing) {
            if (!logs.has(`${bucket}/${key}`)) {
                logFiles.unverified++;
                const time = logKeyTime(key)?.getTime() ?? NaN;
                if (!gaps.some((gap) => time >= Date.parse(gap.from) - 3600 * 1000 && time <= Date.parse(gap.to))) {
                    findings.push({ kind: "log-unverified", key: s3Url(bucket, key), message: `Log file ${s3Url(bucket, key)} is listed by no valid digest file: it cannot be verified` });
                }
            }
        }

        const result: IntegrityResult = { from: displayTime(options.from), to: displayTime(options.to), chains: chains.size, digests, logFiles, gaps, findings };
        if (options.replica && replicaReader) {
            result.replica = await checkReplica(replicaReader, options.replica.bucket, bucket, checked, [...logs.values()], keys, findings);
        }
        return result;
    } finally {
        reader.destroy();
        replicaReader?.destroy();
    }
}

/**
 * The account folders of every trail in the bucket, without DescribeTrails: one delimited listing of `AWSLogs/`
 * finds the accounts and organization ids, and each organization's own delimited listing its member accounts.
 */
async function accountRoots(reader: IntegrityReader, bucket: string, prefix: string): Promise<string[]> {
    const top = await reader.listFolders(bucket, `${prefix}AWSLogs/`);
    const roots = top.filter((folder) => /\/\d{12}\/$/.test(folder));
    // AWS-CT-302: an organization trail writes under AWSLogs/<org id>/<account>/.
    for (const organization of top.filter((folder) => /\/o-[a-z0-9]{10,32}\/$/.test(folder))) {
        roots.push(...(await reader.listFolders(bucket, organization)).filter((folder) => /\/\d{12}\/$/.test(folder)));
    }
    return roots;
}

/** The digests of the listing window: a delimited listing of each account's `CloudTrail-Digest/` for its regions, then one listing per day. */
async function listDigests(reader: IntegrityReader, bucket: string, roots: string[], window: { from: Date; to: Date }): Promise<ListedDigest[]> {
    const digests: ListedDigest[] = [];
    await Promise.all(
        roots.map(async (root) => {
            const regions = await reader.listFolders(bucket, `${root}CloudTrail-Digest/`);
            await Promise.all(
                regions.flatMap((region) =>
                    dayPaths(window.from, window.to).map(async (day) => {
                        for (const key of await reader.listKeys(bucket, `${region}${day}/`)) {
                            const name = parseDigestKey(key);
                            if (name && name.end >= window.from && name.end <= window.to) {
                                digests.push({ name, chain: `${root}${chainId(name)}` });
                            }
                        }
                    }),
                ),
            );
        }),
    );
    return digests;
}

/** The log files delivered in the window, under each account's `CloudTrail/<region>/yyyy/MM/dd/`. */
async function listLogKeys(reader: IntegrityReader, bucket: string, roots: string[], from: Date, to: Date): Promise<string[]> {
    const logs: string[] = [];
    await Promise.all(
        roots.map(async (root) => {
            const regions = await reader.listFolders(bucket, `${root}CloudTrail/`);
            await Promise.all(
                regions.flatMap((region) =>
                    dayPaths(from, to).map(async (day) => {
                        for (const key of await reader.listKeys(bucket, `${region}${day}/`)) {
                            const time = logKeyTime(key);
                            if (time && time >= from && time <= to) {
                                logs.push(key);
                            }
                        }
                    }),
                ),
            );
        }),
    );
    return logs;
}

/** ListPublicKeys once per region, for the listing window (AWS-CT-303: keys are regional). */
class PublicKeys {
    private readonly regions = new Map<string, Promise<Map<string, KeyObject | undefined>>>();

    constructor(
        private readonly reader: IntegrityReader,
        private readonly window: { from: Date; to: Date },
    ) {}

    get(region: string): Promise<Map<string, KeyObject | undefined>> {
        let keys = this.regions.get(region);
        if (!keys) {
            keys = this.reader.publicKeys(region, this.window.from, this.window.to).then((values) => {
                const parsed = new Map<string, KeyObject | undefined>();
                for (const [fingerprint, value] of values) {
                    try {
                        parsed.set(fingerprint, publicKeyFromValue(value));
                    } catch {
                        parsed.set(fingerprint, undefined);
                    }
                }
                return parsed;
            });
            this.regions.set(region, keys);
        }
        return keys;
    }
}

/**
 * Reads one digest from `readBucket` and checks it as the AWS CLI does: gunzip and parse, its own bucket and key
 * (against `sourceBucket`: a replica validates against its source's names), the public key of its fingerprint in the
 * digest's region, and the signature over the signed string.
 */
async function checkDigest(reader: IntegrityReader, readBucket: string, sourceBucket: string, listed: ListedDigest, keys: PublicKeys): Promise<CheckedDigest> {
    const key = listed.name.key;
    let read;
    try {
        read = await reader.getObject(readBucket, key, (body) => gunzipSha256(body, true));
    } catch (error) {
        if (error instanceof FormatError) {
            return { listed, state: "invalid", problem: "invalid format" };
        }
        throw error;
    }
    if (read.state !== "read") {
        return read.state === "missing" ? { listed, state: "missing", problem: "not found" } : { listed, state: "unreadable", problem: read.state === "denied" ? "GetObject was denied: the reader needs s3:GetObject (and kms:Decrypt for SSE-KMS)" : `cannot be read (${read.code})` };
    }
    const digest = parseDigest(read.value.inflated as Buffer);
    if (!digest) {
        return { listed, state: "invalid", problem: "invalid format" };
    }
    // AWS-CT-301: the signature is the object's metadata `signature` (hex), with `signature-algorithm`.
    const signature = read.metadata.signature;
    const algorithm = read.metadata["signature-algorithm"];
    const base = { listed, digest, sha256: read.value.sha256, signature };
    if (digest.digestS3Bucket !== sourceBucket || digest.digestS3Object !== key) {
        return { ...base, state: "invalid", problem: "has been moved from its original location" };
    }
    if (!signature || algorithm !== "SHA256withRSA") {
        return { ...base, state: "invalid", problem: `signature verification failed (metadata signature ${signature ? "present" : "absent"}, signature-algorithm ${algorithm ?? "absent"})` };
    }
    const regionKeys = await keys.get(listed.name.region);
    if (!regionKeys.has(digest.digestPublicKeyFingerprint)) {
        return { ...base, state: "invalid", problem: `public key not found in region ${listed.name.region} for fingerprint ${digest.digestPublicKeyFingerprint}` };
    }
    const publicKey = regionKeys.get(digest.digestPublicKeyFingerprint);
    if (!publicKey) {
        return { ...base, state: "invalid", problem: `Unable to load PKCS #1 key with fingerprint ${digest.digestPublicKeyFingerprint}` };
    }
    if (!verifySignature(publicKey, stringToSign(digest, read.value.sha256), signature)) {
        return { ...base, state: "invalid", problem: "signature verification failed" };
    }
    return { ...base, state: "valid" };
}

function groupChains(listed: ListedDigest[]): Map<string, ListedDigest[]> {
    const chains = new Map<string, ListedDigest[]>();
    for (const entry of listed) {
        chains.set(entry.chain, [...(chains.get(entry.chain) ?? []), entry]);
    }
    for (const chain of chains.values()) {
        chain.sort((a, b) => a.name.end.getTime() - b.name.end.getTime() || a.name.key.localeCompare(b.name.key));
    }
    return chains;
}

/**
 * The links of one chain, oldest first: each valid digest's `previousDigestS3Object` must be a digest that exists,
 * whose inflated SHA-256 and signature are the ones the digest records; a valid digest without a previous one,
 * after earlier digests of the window, is a gap (validation or logging was off), as the CLI's on_gap reports it.
 */
async function walkChain(reader: IntegrityReader, bucket: string, chain: ListedDigest[], checked: Map<string, CheckedDigest>, windowStart: Date, findings: IntegrityFinding[], gaps: IntegrityGap[]): Promise<void> {
    for (const [index, entry] of chain.entries()) {
        const current = checked.get(entry.name.key) as CheckedDigest;
        const digest = current.digest;
        if (current.state !== "valid" || !digest) {
            continue;
        }
        const previousKey = digest.previousDigestS3Object ?? null;
        if (previousKey === null || digest.previousDigestS3Bucket === null || digest.previousDigestS3Bucket === undefined) {
            if (index > 0) {
                const earlier = chain[index - 1];
                const earlierEnd = checked.get(earlier.name.key)?.digest?.digestEndTime ?? displayTime(earlier.name.end);
                gaps.push({ trail: entry.name.trail, account: entry.name.account, region: entry.name.region, from: earlierEnd, to: digest.digestStartTime });
            }
            continue;
        }
        if (digest.previousDigestS3Bucket !== bucket) {
            // The trail delivered to another bucket before: that chain is not in this bucket to follow.
            continue;
        }
        const previous = checked.get(previousKey);
        if (previous) {
            if ((previous.state === "valid" || previous.brokenLink) && (previous.sha256 !== digest.previousDigestHashValue || previous.signature !== digest.previousDigestSignature)) {
                current.state = "invalid";
                current.brokenLink = true;
                const what = previous.sha256 !== digest.previousDigestHashValue ? "hash" : "signature";
                current.problem = `the chain is broken: previousDigest${what === "hash" ? "HashValue" : "Signature"} does not match ${s3Url(bucket, previousKey)}`;
            }
            continue;
        }
        const previousName = parseDigestKey(previousKey);
        if (previousName && previousName.end >= windowStart && (await reader.headObject(bucket, previousKey)) === "missing") {
            findings.push({ kind: "digest-missing", key: s3Url(bucket, previousKey), message: `Digest file ${s3Url(bucket, previousKey)} INVALID: not found (the previous digest of ${s3Url(bucket, entry.name.key)})` });
        }
    }
}

/** One log file: streamed, inflated and hashed; archived ones are checked for existence with HeadObject. */
async function checkLog(reader: IntegrityReader, bucket: string, key: string, hashValue: string): Promise<{ state: LogState; problem?: string }> {
    let read;
    try {
        read = await reader.getObject(bucket, key, (body) => gunzipSha256(body, false));
    } catch (error) {
        if (error instanceof FormatError) {
            return { state: "invalid", problem: "invalid format" };
        }
        throw error;
    }
    if (read.state === "read") {
        return read.value.sha256 === hashValue ? { state: "valid" } : { state: "invalid", problem: "hash value doesn't match" };
    }
    if (read.state === "archived") {
        const head = await reader.headObject(bucket, key);
        return head === "exists" ? { state: "archived" } : head === "missing" ? { state: "missing", problem: "not found" } : { state: "unreadable", problem: "HeadObject was denied" };
    }
    return read.state === "missing" ? { state: "missing", problem: "not found" } : { state: "unreadable", problem: "GetObject was denied: the reader needs s3:GetObject (and kms:Decrypt for SSE-KMS)" };
}

/**
 * The replica: each digest found in the source is read from the replica at the same key and validated against the
 * source's bucket name (the signature covers the original bucket and key), and each log file against the hash the
 * source's digest records. Whatever differs from the source is a finding.
 */
async function checkReplica(
    reader: IntegrityReader,
    replicaBucket: string,
    sourceBucket: string,
    source: Map<string, CheckedDigest>,
    logs: { bucket: string; key: string; hashValue: string }[],
    keys: PublicKeys,
    findings: IntegrityFinding[],
): Promise<NonNullable<IntegrityResult["replica"]>> {
    const digests: DigestCounts = { valid: 0, invalid: 0, missing: 0 };
    const copies = await Promise.all([...source.values()].filter((entry) => entry.state !== "missing").map(async (entry) => ({ entry, copy: await checkDigest(reader, replicaBucket, sourceBucket, entry.listed, keys) })));
    for (const { entry, copy } of copies) {
        const same = copy.state === "valid" && copy.sha256 === entry.sha256;
        digests[copy.state === "valid" ? "valid" : copy.state === "missing" ? "missing" : "invalid"]++;
        if (entry.state === "valid" && !same) {
            const key = s3Url(replicaBucket, entry.listed.name.key);
            findings.push({ kind: "replica-digest-differs", key, message: `Replica digest file ${key} differs from its source: ${copy.problem ?? "its content is not the source's"}` });
        }
    }
    const logFiles = { valid: 0, invalid: 0, missing: 0, archived: 0, unreadable: 0 };
    const results = await Promise.all(logs.map(async (log) => ({ log, result: await checkLog(reader, replicaBucket, log.key, log.hashValue) })));
    for (const { log, result } of results) {
        logFiles[result.state]++;
        if (result.state !== "valid" && result.state !== "archived") {
            const key = s3Url(replicaBucket, log.key);
            findings.push({ kind: "replica-log-differs", key, message: `Replica log file ${key} INVALID: ${result.problem}` });
        }
    }
    return { bucket: replicaBucket, digests, logFiles };
}

function s3Url(bucket: string, key: string): string {
    return `s3://${bucket}/${key}`;
}
