import { KeyObject, createHash, createSign, generateKeyPairSync } from "crypto";
import { gzipSync } from "zlib";
import type { FakeBucket, FakePublicKey } from "./state";

/**
 * CloudTrail's files as CloudTrail writes them (user guide, "CloudTrail digest file structure"): gzipped log files,
 * and hourly digest files listing each log's SHA-256, signed SHA256withRSA over
 * `digestEndTime\nbucket/key\nhex SHA-256 of the inflated digest\nprevious signature or null`, the signature in
 * the object's `signature` metadata. Real RSA keys from node:crypto; nothing here is a stand-in for a check.
 */

export interface TrailKey extends FakePublicKey {
    privateKey: KeyObject;
}

/** A real 2048-bit RSA key pair, its public half as DER PKCS#1 (what ListPublicKeys carries, base64 once more). */
export function makeTrailKey(fingerprint: string, validityStart: Date, validityEnd: Date): TrailKey {
    const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    return { fingerprint, der: publicKey.export({ format: "der", type: "pkcs1" }), validityStart, validityEnd, privateKey };
}

export interface DigestRecord {
    key: string;
    json: Record<string, unknown>;
    inflated: Buffer;
    signature: string;
    logs: string[];
}

export interface TrailLayout {
    bucket: string;
    /** The trail's key prefix, `""` or ending in `/`. */
    prefix: string;
    account: string;
    region: string;
    trail: string;
    homeRegion?: string;
    organizationId?: string;
}

const HOUR = 3600 * 1000;

/** Writes a trail's log and digest files into a fake bucket, one hour at a time, chaining digests as CloudTrail does. */
export class TrailWriter {
    private last?: DigestRecord;
    readonly records: DigestRecord[] = [];
    private serial = 0;

    constructor(
        private readonly state: FakeBucket,
        readonly layout: TrailLayout,
    ) {}

    /** `<prefix>AWSLogs/[<org>/]<account>/`. */
    get root(): string {
        return `${this.layout.prefix}AWSLogs/${this.layout.organizationId ? `${this.layout.organizationId}/` : ""}${this.layout.account}/`;
    }

    /** The next digest starts a new chain (validation was off, or the trail is new): its previous signature is null. */
    breakChain(): void {
        this.last = undefined;
    }

    /**
     * `hours` digests from `start`, each covering one hour and listing `logsPerHour` log files of about `logBytes`
     * inflated bytes delivered in that hour. `key` picks the signing key of each hour.
     */
    writeHours(start: Date, hours: number, logsPerHour: number, key: (hour: number) => TrailKey, options: { logBytes?: number; backfill?: boolean } = {}): DigestRecord[] {
        const written: DigestRecord[] = [];
        for (let hour = 0; hour < hours; hour++) {
            const from = new Date(start.getTime() + hour * HOUR);
            const to = new Date(from.getTime() + HOUR);
            const logs = Array.from({ length: logsPerHour }, (_, index) => this.writeLog(new Date(from.getTime() + ((index + 1) * HOUR) / (logsPerHour + 1)), options.logBytes ?? 2048));
            written.push(this.writeDigest(from, to, logs, key(hour), options.backfill ?? false));
        }
        return written;
    }

    /** One gzipped log file delivered at `at`; returns its key and the SHA-256 of its inflated content. */
    writeLog(at: Date, bytes: number): { key: string; sha256: string } {
        const { account, region } = this.layout;
        const id = `${(this.serial++).toString(36).padStart(6, "0")}abcdefghij`;
        const key = `${this.root}CloudTrail/${region}/${dayPath(at)}/${account}_CloudTrail_${region}_${compact(at).slice(0, 13)}Z_${id}.json.gz`;
        const record = { eventVersion: "1.11", eventTime: at.toISOString(), eventSource: "s3.amazonaws.com", eventName: "GetObject", awsRegion: region, recipientAccountId: account };
        const records: unknown[] = [];
        let size = 20;
        while (size < bytes) {
            const entry = { ...record, eventID: `${id}-${records.length}` };
            size += JSON.stringify(entry).length + 1;
            records.push(entry);
        }
        const inflated = Buffer.from(JSON.stringify({ Records: records }));
        this.state.objects.push({ key, lastModified: at, size: 0, body: gzipSync(inflated) });
        const object = this.state.objects[this.state.objects.length - 1];
        object.size = (object.body as Buffer).length;
        return { key, sha256: sha256(inflated) };
    }

    /** One digest of the logs delivered from `from` to `to`, linked to the last digest written unless the chain was broken. */
    writeDigest(from: Date, to: Date, logs: { key: string; sha256: string }[], key: TrailKey, backfill: boolean): DigestRecord {
        const { bucket, account, region, trail } = this.layout;
        const home = this.layout.homeRegion ?? region;
        const digestKey = `${this.root}CloudTrail-Digest/${region}/${dayPath(to)}/${account}_CloudTrail-Digest_${region}_${trail}_${home}_${compact(to)}${backfill ? "_backfill" : ""}.json.gz`;
        const previous = backfill ? undefined : this.last;
        const json: Record<string, unknown> = {
            awsAccountId: account,
            digestStartTime: iso(from),
            digestEndTime: iso(to),
            digestS3Bucket: bucket,
            digestS3Object: digestKey,
            digestPublicKeyFingerprint: key.fingerprint,
            digestSignatureAlgorithm: "SHA256withRSA",
            newestEventTime: iso(to),
            oldestEventTime: iso(from),
            previousDigestS3Bucket: previous ? bucket : null,
            previousDigestS3Object: previous ? previous.key : null,
            previousDigestHashValue: previous ? sha256(previous.inflated) : null,
            previousDigestHashAlgorithm: previous ? "SHA-256" : null,
            previousDigestSignature: previous ? previous.signature : null,
            logFiles: logs.map((log) => ({ s3Bucket: bucket, s3Object: log.key, hashValue: log.sha256, hashAlgorithm: "SHA-256", newestEventTime: iso(to), oldestEventTime: iso(from) })),
        };
        const record = putDigest(this.state, digestKey, json, key, to);
        record.logs = logs.map((log) => log.key);
        this.records.push(record);
        if (!backfill) {
            this.last = record;
        }
        return record;
    }
}

/** Puts a digest at `key`, signed with `signer` over the string CloudTrail signs (the digest's own members). */
export function putDigest(state: FakeBucket, key: string, json: Record<string, unknown>, signer: TrailKey, at: Date): DigestRecord {
    const inflated = Buffer.from(JSON.stringify(json));
    const signed = `${json.digestEndTime}\n${json.digestS3Bucket}/${json.digestS3Object}\n${sha256(inflated)}\n${json.previousDigestSignature ?? "null"}`;
    const signature = createSign("RSA-SHA256").update(signed, "utf8").sign(signer.privateKey).toString("hex");
    const body = gzipSync(inflated);
    state.objects = state.objects.filter((object) => object.key !== key);
    state.objects.push({ key, lastModified: at, size: body.length, body, metadata: { signature, "signature-algorithm": "SHA256withRSA" } });
    return { key, json, inflated, signature, logs: [] };
}

export function sha256(data: Buffer): string {
    return createHash("sha256").update(data).digest("hex");
}

function pad(value: number): string {
    return String(value).padStart(2, "0");
}

function dayPath(at: Date): string {
    return `${at.getUTCFullYear()}/${pad(at.getUTCMonth() + 1)}/${pad(at.getUTCDate())}`;
}

/** `20260305T010000Z`. */
function compact(at: Date): string {
    return `${at.getUTCFullYear()}${pad(at.getUTCMonth() + 1)}${pad(at.getUTCDate())}T${pad(at.getUTCHours())}${pad(at.getUTCMinutes())}${pad(at.getUTCSeconds())}Z`;
}

function iso(at: Date): string {
    return at.toISOString().replace(/\.\d{3}Z$/, "Z");
}
