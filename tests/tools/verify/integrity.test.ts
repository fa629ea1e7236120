import { expect } from "chai";
import { createSign } from "crypto";
import { gzipSync } from "zlib";
import type { FakeAccount } from "../../support/fakeAws/state";
import { TrailWriter, putDigest } from "../../support/fakeAws/trailFiles";
import { publicKeyFromValue, stringToSign, verifySignature } from "../../../tools/verify/integrity/digest";
import { listingWindow, parseDigestKey } from "../../../tools/verify/integrity/names";
import { renderIntegrity } from "../../../tools/verify/integrity/render";
import type { IntegrityResult } from "../../../tools/verify/integrity/validate";
import { ACCOUNT, BUCKET, CREDENTIALS, DAY_START, MEMBER, ORG, PREFIX, REPLICA, REPLICA_CREDENTIALS, emptyBucket, findingLines, trailAccount, trailKeys, validate, writeDay } from "./integritySupport";

const HOUR = 3600 * 1000;
const tail = (key: string): string => key.slice(key.lastIndexOf("/") + 1);

interface Scenario {
    name: string;
    build: (account: FakeAccount) => void;
    chains: number;
    digests: IntegrityResult["digests"];
    logFiles: IntegrityResult["logFiles"];
    gaps?: IntegrityResult["gaps"];
    findings: (writer: TrailWriter) => string[];
}

let day: TrailWriter;
const build = (edit: (account: FakeAccount, writer: TrailWriter) => void = () => undefined, options: { rotate?: boolean } = {}) => (account: FakeAccount) => {
    day = writeDay(account, options);
    edit(account, day);
};
const objects = (account: FakeAccount) => account.buckets[BUCKET].objects;
const remove = (account: FakeAccount, key: string): void => {
    account.buckets[BUCKET].objects = objects(account).filter((object) => object.key !== key);
};
const logsOf = (writer: TrailWriter, index: number): string[] => writer.records[index].logs;
const unverified = (writer: TrailWriter, index: number): string[] => logsOf(writer, index).map((key) => `log-unverified ${tail(key)}`);

// The window is 2026-03-04T00:30Z to 23:30Z: the digests ending 01:00 to 24:00 (records 1 to 24) are in it, widened
// to 24:30; record 0 (ending 00:00) is before it, and is where the first digest of the window links to.
const SCENARIOS: Scenario[] = [
    {
        name: "an intact day: 24 digests, 120 log files, one chain",
        build: build(),
        chains: 1,
        digests: { valid: 24, invalid: 0, missing: 0 },
        logFiles: { valid: 120, invalid: 0, missing: 0, archived: 0, unverified: 0, unreadable: 0 },
        findings: () => [],
    },
    {
        name: "a log file modified and one deleted",
        build: build((account, writer) => {
            const changed = objects(account).find((object) => object.key === logsOf(writer, 3)[0]);
            changed!.body = gzipSync(Buffer.from('{"Records":[]}'));
            remove(account, logsOf(writer, 7)[2]);
        }),
        chains: 1,
        digests: { valid: 24, invalid: 0, missing: 0 },
        logFiles: { valid: 118, invalid: 1, missing: 1, archived: 0, unverified: 0, unreadable: 0 },
        findings: (writer) => [`log-invalid ${tail(logsOf(writer, 3)[0])}`, `log-missing ${tail(logsOf(writer, 7)[2])}`],
    },
    {
        name: "a digest deleted: the next one's link finds it missing, and its logs are unverified",
        build: build((account, writer) => remove(account, writer.records[5].key)),
        chains: 1,
        digests: { valid: 23, invalid: 0, missing: 1 },
        logFiles: { valid: 115, invalid: 0, missing: 0, archived: 0, unverified: 5, unreadable: 0 },
        findings: (writer) => [`digest-missing ${tail(writer.records[5].key)}`, ...unverified(writer, 5)],
    },
    {
        name: "a digest forged: content changed under the signature of other bytes",
        build: build((account, writer) => {
            const record = writer.records[8];
            const object = objects(account).find((candidate) => candidate.key === record.key);
            object!.body = gzipSync(Buffer.from(JSON.stringify({ ...record.json, logFiles: (record.json.logFiles as unknown[]).slice(1) })));
        }),
        chains: 1,
        digests: { valid: 23, invalid: 1, missing: 0 },
        logFiles: { valid: 115, invalid: 0, missing: 0, archived: 0, unverified: 5, unreadable: 0 },
        findings: (writer) => [`digest-invalid ${tail(writer.records[8].key)}`, ...unverified(writer, 8)],
    },
    {
        name: "a digest moved to another key: invalid where it is, missing where the chain expects it",
        build: build((account, writer) => {
            const record = writer.records[10];
            const object = objects(account).find((candidate) => candidate.key === record.key);
            object!.key = record.key.replace("T100000Z", "T103000Z");
        }),
        chains: 1,
        digests: { valid: 23, invalid: 1, missing: 1 },
        logFiles: { valid: 115, invalid: 0, missing: 0, archived: 0, unverified: 5, unreadable: 0 },
        findings: (writer) => [`digest-invalid ${tail(writer.records[10].key.replace("T100000Z", "T103000Z"))}`, `digest-missing ${tail(writer.records[10].key)}`, ...unverified(writer, 10)],
    },
    {
        name: "a broken chain: a digest re-signed with another previous hash breaks its own link and the next one's",
        build: build((account, writer) => {
            const record = writer.records[12];
            putDigest(account.buckets[BUCKET], record.key, { ...record.json, previousDigestHashValue: "0".repeat(64) }, trailKeys().a, new Date(DAY_START.getTime() + 13 * HOUR));
        }),
        chains: 1,
        digests: { valid: 22, invalid: 2, missing: 0 },
        logFiles: { valid: 120, invalid: 0, missing: 0, archived: 0, unverified: 0, unreadable: 0 },
        findings: (writer) => [`chain-broken ${tail(writer.records[12].key)}`, `chain-broken ${tail(writer.records[13].key)}`],
    },
    {
        name: "a gap while validation was off: reported with its time range, its logs unverified, and not a finding",
        build: (account) => {
            const writer = new TrailWriter(account.buckets[BUCKET], { bucket: BUCKET, prefix: PREFIX, account: ACCOUNT, region: "us-east-1", trail: "organization-trail" });
            const { a, b } = trailKeys();
            writer.writeHours(DAY_START, 11, 5, () => a);
            for (let minute = 10; minute < 180; minute += 12) {
                writer.writeLog(new Date(Date.parse("2026-03-04T10:00:00Z") + minute * 60000), 2048);
            }
            writer.breakChain();
            writer.writeHours(new Date("2026-03-04T13:00:00Z"), 11, 5, () => b);
        },
        chains: 1,
        digests: { valid: 21, invalid: 0, missing: 0 },
        logFiles: { valid: 105, invalid: 0, missing: 0, archived: 0, unverified: 15, unreadable: 0 },
        gaps: [{ trail: "organization-trail", account: ACCOUNT, region: "us-east-1", from: "2026-03-04T10:00:00Z", to: "2026-03-04T13:00:00Z" }],
        findings: () => [],
    },
    {
        name: "a key rotated at noon: each digest verifies with the key of its fingerprint",
        build: build(() => undefined, { rotate: true }),
        chains: 1,
        digests: { valid: 24, invalid: 0, missing: 0 },
        logFiles: { valid: 120, invalid: 0, missing: 0, archived: 0, unverified: 0, unreadable: 0 },
        findings: () => [],
    },
    {
        name: "a backfill digest: validated as a series of its own, its late log files verified",
        build: build((_account, writer) => {
            const late = [writer.writeLog(new Date("2026-03-04T05:15:00Z"), 2048), writer.writeLog(new Date("2026-03-04T05:25:00Z"), 2048)];
            writer.writeDigest(new Date("2026-03-04T05:00:00Z"), new Date("2026-03-04T06:00:00Z"), late, trailKeys().a, true);
        }),
        chains: 2,
        digests: { valid: 25, invalid: 0, missing: 0 },
        logFiles: { valid: 122, invalid: 0, missing: 0, archived: 0, unverified: 0, unreadable: 0 },
        findings: () => [],
    },
    {
        name: "an archived log file (Glacier): its existence checked with HeadObject, counted archived, not failed",
        build: build((account, writer) => {
            objects(account).find((object) => object.key === logsOf(writer, 2)[1])!.storageClass = "GLACIER";
        }),
        chains: 1,
        digests: { valid: 24, invalid: 0, missing: 0 },
        logFiles: { valid: 119, invalid: 0, missing: 0, archived: 1, unverified: 0, unreadable: 0 },
        findings: () => [],
    },
    {
        name: "GetObject denied on one log file: unreadable, a finding",
        build: build((account, writer) => account.deniedObjects!.add(`${BUCKET}/${logsOf(writer, 20)[4]}`)),
        chains: 1,
        digests: { valid: 24, invalid: 0, missing: 0 },
        logFiles: { valid: 119, invalid: 0, missing: 0, archived: 0, unverified: 0, unreadable: 1 },
        findings: (writer) => [`log-unreadable ${tail(logsOf(writer, 20)[4])}`],
    },
];

describe("CloudTrail log file integrity (tools/verify/integrity), in process against the local endpoint", function () {
    this.timeout(60000);

    for (const scenario of SCENARIOS) {
        it(`${scenario.name} (AWS-CT-300, AWS-CT-301)`, async () => {
            const account = trailAccount();
            scenario.build(account);
            const { result } = await validate(account);
            expect({ chains: result.chains, digests: result.digests, logFiles: result.logFiles }).to.deep.equal({ chains: scenario.chains, digests: scenario.digests, logFiles: scenario.logFiles });
            expect(result.gaps).to.deep.equal(scenario.gaps ?? []);
            expect(findingLines(result)).to.deep.equal(scenario.findings(day).sort());
        });
    }

    it("asks ListPublicKeys once per region, in the digest's own region, for the widened window (AWS-CT-303, AWS-SDK-301)", async () => {
        const account = trailAccount();
        writeDay(account, { rotate: true });
        const { fake } = await validate(account);
        const lists = fake.requests.filter((request) => request.call === "cloudtrail:ListPublicKeys");
        expect(lists.map((request) => request.region)).to.deep.equal(["us-east-1"]);
        expect(fake.requests.every((request) => request.accessKeyId === CREDENTIALS.accessKeyId)).to.equal(true);
        const calls = new Set(fake.requests.map((request) => request.call));
        expect([...calls].sort()).to.deep.equal(["cloudtrail:ListPublicKeys", "s3:GetObject", "s3:ListObjectsV2"]);
    });

    it("walks the organization trail's layout (AWSLogs/<org>/<account>/) and the account layout, finding accounts and regions by delimited listings (AWS-CT-302)", async () => {
        const account = trailAccount();
        const state = account.buckets[BUCKET];
        const { a, west } = trailKeys();
        const start = new Date("2026-03-04T02:00:00Z");
        new TrailWriter(state, { bucket: BUCKET, prefix: PREFIX, account: ACCOUNT, region: "us-east-1", trail: "organization-trail", organizationId: ORG }).writeHours(start, 6, 5, () => a);
        new TrailWriter(state, { bucket: BUCKET, prefix: PREFIX, account: MEMBER, region: "eu-west-1", homeRegion: "us-east-1", trail: "organization-trail", organizationId: ORG }).writeHours(start, 6, 5, () => west);
        new TrailWriter(state, { bucket: BUCKET, prefix: PREFIX, account: ACCOUNT, region: "us-east-1", trail: "local_trail_2" }).writeHours(start, 6, 5, () => a);
        const { result, fake } = await validate(account);
        expect({ chains: result.chains, digests: result.digests, valid: result.logFiles.valid, findings: result.findings, gaps: result.gaps }).to.deep.equal({ chains: 3, digests: { valid: 18, invalid: 0, missing: 0 }, valid: 90, findings: [], gaps: [] });
        const lists = fake.requests.filter((request) => request.call === "cloudtrail:ListPublicKeys").map((request) => request.region);
        expect(lists.sort()).to.deep.equal(["eu-west-1", "us-east-1"]);
        expect(fake.requests.filter((request) => request.call === "s3:ListObjectsV2").map((request) => request.prefix)).to.include.members([`${PREFIX}AWSLogs/`, `${PREFIX}AWSLogs/${ORG}/`, `${PREFIX}AWSLogs/${ORG}/${MEMBER}/CloudTrail-Digest/`]);
    });

    it("validates a replica in another region with its own credentials against the source's names: a copy that differs is a finding", async () => {
        const account = trailAccount();
        const writer = writeDay(account);
        const replica = emptyBucket("eu-west-1");
        replica.objects = account.buckets[BUCKET].objects.map((object) => ({ ...object }));
        account.buckets[REPLICA] = replica;
        replica.objects.find((object) => object.key === writer.records[4].logs[0])!.body = gzipSync(Buffer.from('{"Records":[{}]}'));
        replica.objects = replica.objects.filter((object) => object.key !== writer.records[9].key);
        const { result, fake } = await validate(account, { replica: { bucket: REPLICA, region: "eu-west-1", credentials: REPLICA_CREDENTIALS } });
        expect({ digests: result.digests, valid: result.logFiles.valid }).to.deep.equal({ digests: { valid: 24, invalid: 0, missing: 0 }, valid: 120 });
        expect(result.replica).to.deep.equal({ bucket: REPLICA, digests: { valid: 23, invalid: 0, missing: 1 }, logFiles: { valid: 119, invalid: 1, missing: 0, archived: 0, unreadable: 0 } });
        expect(findingLines(result)).to.deep.equal([`replica-digest-differs ${tail(writer.records[9].key)}`, `replica-log-differs ${tail(writer.records[4].logs[0])}`]);
        const vaultReads = fake.requests.filter((request) => request.accessKeyId === REPLICA_CREDENTIALS.accessKeyId);
        expect(vaultReads.length).to.equal(24 + 120);
        expect(new Set(vaultReads.map((request) => request.call))).to.deep.equal(new Set(["s3:GetObject"]));
        expect(vaultReads.every((request) => request.region === "eu-west-1")).to.equal(true);
    });

    const refusals: [string, string][] = [
        ["cloudtrail:ListPublicKeys", "cloudtrail:ListPublicKeys on region us-east-1 was refused"],
        ["s3:ListObjectsV2", `s3:ListObjectsV2 on bucket ${BUCKET} was refused`],
    ];
    for (const [call, message] of refusals) {
        it(`stops with an error naming ${call} when it is denied: nothing can be validated`, async () => {
            const account = trailAccount();
            writeDay(account);
            account.denied.add(call);
            const failure = await validate(account).then(
                () => undefined,
                (error: Error) => error,
            );
            expect(failure?.name).to.equal("VerifyError");
            expect(failure?.message).to.include("access denied").and.to.include(message);
        });
    }

    it("reads at most 16 objects at once by default, and as many as --concurrency says", async () => {
        for (const concurrency of [undefined, 4]) {
            const account = trailAccount();
            writeDay(account);
            account.latencyMs = 20;
            let inFlight = 0;
            let peak = 0;
            const http = await import("http");
            const original = http.Server.prototype.emit;
            // Counted at the server: a request is in flight from its arrival until its response has finished.
            const counting = function (this: InstanceType<typeof http.Server>, event: string, ...args: unknown[]): boolean {
                if (event === "request") {
                    inFlight++;
                    peak = Math.max(peak, inFlight);
                    (args[1] as import("http").ServerResponse).on("finish", () => inFlight--);
                }
                return original.apply(this, [event, ...args] as Parameters<typeof original>);
            };
            http.Server.prototype.emit = counting as typeof original;
            try {
                await validate(account, { concurrency });
            } finally {
                http.Server.prototype.emit = original;
            }
            // Unbounded, about 150 would overlap; the limit is reached on an idle machine, nearly so on a loaded one.
            expect(peak, `concurrency ${concurrency}`).to.be.at.most(concurrency ?? 16).and.to.be.above((concurrency ?? 16) / 2);
        }
    });

    it("renders the CLI's summary, then each finding with its s3:// key", async () => {
        const account = trailAccount();
        writeDay(account);
        remove(account, day.records[7].logs[2]);
        const { result } = await validate(account);
        const text = renderIntegrity(result, `s3://${BUCKET}/${PREFIX}`);
        expect(text).to.include("24/24 digest files valid, 119/120 log files valid, 1/120 not found");
        expect(text).to.include(`[log-missing] Log file s3://${BUCKET}/${day.records[7].logs[2]} INVALID: not found`);
    });
});

describe("digest names, the listing window and the signature", () => {
    it("parses digest keys, trail names with underscores and backfill digests (AWS-CT-300)", () => {
        const key = `AWSLogs/${ORG}/${MEMBER}/CloudTrail-Digest/eu-west-1/2026/03/04/${MEMBER}_CloudTrail-Digest_eu-west-1_my_trail-1_us-east-1_20260304T050000Z_backfill.json.gz`;
        expect(parseDigestKey(key)).to.deep.include({ account: MEMBER, region: "eu-west-1", trail: "my_trail-1", homeRegion: "us-east-1", backfill: true });
        expect(parseDigestKey(key)?.end.toISOString()).to.equal("2026-03-04T05:00:00.000Z");
        expect(parseDigestKey(`AWSLogs/${ACCOUNT}/CloudTrail/us-east-1/2026/03/04/${ACCOUNT}_CloudTrail_us-east-1_20260304T0500Z_x.json.gz`)).to.equal(undefined);
    });

    it("widens the listing as the AWS CLI does: one minute before the start, one hour after the end (AWS-SDK-301)", () => {
        const window = listingWindow(new Date("2026-03-04T00:30:00Z"), new Date("2026-03-04T23:30:00Z"));
        expect([window.from.toISOString(), window.to.toISOString()]).to.deep.equal(["2026-03-04T00:29:00.000Z", "2026-03-05T00:30:00.000Z"]);
    });

    it("decodes ListPublicKeys' Value once more from base64 to the DER PKCS#1 key, and verifies SHA256withRSA over the signed string (AWS-SDK-300, AWS-CT-301)", () => {
        const { a } = trailKeys();
        const digest = { digestStartTime: "s", digestEndTime: "2026-03-04T01:00:00Z", digestS3Bucket: "b", digestS3Object: "k", digestPublicKeyFingerprint: a.fingerprint, previousDigestSignature: null, logFiles: [] };
        expect(stringToSign(digest, "ab12")).to.equal("2026-03-04T01:00:00Z\nb/k\nab12\nnull");
        const signature = createSign("RSA-SHA256").update(stringToSign(digest, "ab12")).sign(a.privateKey).toString("hex");
        const key = publicKeyFromValue(Buffer.from(a.der.toString("base64"), "ascii"));
        expect(verifySignature(key, stringToSign(digest, "ab12"), signature)).to.equal(true);
        expect(verifySignature(key, stringToSign({ ...digest, previousDigestSignature: "00" } as never, "ab12"), signature)).to.equal(false);
        expect(() => publicKeyFromValue(a.der)).to.throw();
    });
});
