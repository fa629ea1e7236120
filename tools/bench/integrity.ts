import { startFakeAws } from "../../tests/support/fakeAws/server";
import type { FakeAccount } from "../../tests/support/fakeAws/state";
import { TrailWriter, makeTrailKey } from "../../tests/support/fakeAws/trailFiles";
import { Limiter } from "../verify/integrity/limit";
import { IntegrityReader } from "../verify/integrity/reader";
import { gunzipSha256 } from "../verify/integrity/stream";
import { validateIntegrity } from "../verify/integrity/validate";

const BUCKET = "network-compliance-logs-222222222222-us-east-1";
const PREFIX = "cloudtrail-logs/";
const CREDENTIALS = { accessKeyId: "AKIABENCHINTEGRITY01", secretAccessKey: "bench-secret" };
const LOGS_PER_HOUR = 84;
const LOG_BYTES = 8192;
const CONCURRENCY = 16;

interface Timing {
    min: number;
    median: number;
    max: number;
    samples: number[];
}

export interface IntegrityBench {
    digests: number;
    logFiles: number;
    /** Compressed bytes downloaded per run. */
    bytes: number;
    validator: Timing;
    floor: Timing;
    filesPerSecond: number;
    mbPerSecond: number;
    ratioToFloor: number;
}

/**
 * `verify --integrity`'s validation of a generated day (24 digests in the window, 84 log files an hour: 2,016 log
 * files, real RSA signatures), served by the local endpoint in this process, against the floor: downloading and
 * hashing (streamed gunzip and SHA-256) the same objects with the same client, agent and concurrency, in the same run,
 * alternating. The difference is the listings, ListPublicKeys, parsing and signature checks.
 */
export async function benchIntegrity(reps: number): Promise<IntegrityBench> {
    const key = makeTrailKey("benchbenchbenchbenchbenchbench00", new Date("2026-01-01T00:00:00Z"), new Date("2027-01-01T00:00:00Z"));
    const account: FakeAccount = {
        accountId: "222222222222",
        callerArn: "arn:aws:iam::222222222222:role/AuditVerifier",
        buckets: { [BUCKET]: { region: "us-east-1", versioning: { Status: "Enabled" }, logging: {}, notification: {}, objects: [] } },
        keys: [],
        aliases: {},
        denied: new Set(),
        publicKeys: { "us-east-1": [key] },
    };
    const writer = new TrailWriter(account.buckets[BUCKET], { bucket: BUCKET, prefix: PREFIX, account: "222222222222", region: "us-east-1", trail: "organization-trail" });
    writer.writeHours(new Date("2026-03-03T23:00:00Z"), 25, LOGS_PER_HOUR, () => key, { logBytes: LOG_BYTES });
    const inWindow = writer.records.slice(1);
    const keys = [...inWindow.map((record) => record.key), ...inWindow.flatMap((record) => record.logs)];
    const sizes = new Map(account.buckets[BUCKET].objects.map((object) => [object.key, object.size]));
    const bytes = keys.reduce((total, objectKey) => total + (sizes.get(objectKey) ?? 0), 0);
    const fake = await startFakeAws(account);
    const validator: number[] = [];
    const floor: number[] = [];
    try {
        const options = { target: { bucket: BUCKET, region: "us-east-1", prefix: PREFIX }, from: new Date("2026-03-04T00:30:00Z"), to: new Date("2026-03-04T23:30:00Z"), endpoint: fake.endpoint, credentials: CREDENTIALS, concurrency: CONCURRENCY };
        const validate = async (): Promise<number> => {
            const started = process.hrtime.bigint();
            const result = await validateIntegrity(options);
            const ms = Number(process.hrtime.bigint() - started) / 1e6;
            if (result.digests.valid !== inWindow.length || result.logFiles.valid !== keys.length - inWindow.length || result.findings.length > 0) {
                throw new Error(`the bench day did not validate: ${JSON.stringify({ digests: result.digests, logFiles: result.logFiles, findings: result.findings.length })}`);
            }
            return ms;
        };
        const download = async (): Promise<number> => {
            const started = process.hrtime.bigint();
            const reader = new IntegrityReader({ region: "us-east-1", endpoint: fake.endpoint, credentials: CREDENTIALS, limiter: new Limiter(CONCURRENCY) });
            try {
                await Promise.all(keys.map((objectKey) => reader.getObject(BUCKET, objectKey, (body) => gunzipSha256(body, false))));
            } finally {
                reader.destroy();
            }
            return Number(process.hrtime.bigint() - started) / 1e6;
        };
        // One untimed run of each warms the SDK's modules, the sockets' code paths and the JIT.
        await validate();
        await download();
        for (let rep = 0; rep < reps; rep++) {
            validator.push(await validate());
            floor.push(await download());
        }
    } finally {
        await fake.close();
    }
    const validatorTiming = timing(validator);
    const floorTiming = timing(floor);
    return {
        digests: inWindow.length,
        logFiles: keys.length - inWindow.length,
        bytes,
        validator: validatorTiming,
        floor: floorTiming,
        filesPerSecond: keys.length / (validatorTiming.median / 1000),
        mbPerSecond: bytes / 2 ** 20 / (validatorTiming.median / 1000),
        ratioToFloor: validatorTiming.median / floorTiming.median,
    };
}

/** The section's lines, in the bench's row format. */
export function integrityLines(result: IntegrityBench, row: (label: string, timing: Timing, extra?: string) => string): string[] {
    return [
        `verify --integrity of a generated day (${result.digests} digests, ${result.logFiles} log files, ${(result.bytes / 2 ** 20).toFixed(1)} MB compressed), local endpoint`,
        row("validation (listings, keys, signatures, every hash)", result.validator, `${result.filesPerSecond.toFixed(0)} files/s, ${result.mbPerSecond.toFixed(1)} MB/s, ratio to floor ${result.ratioToFloor.toFixed(2)} (goal 1.5)`),
        row("floor: GetObject + gunzip + SHA-256 of the same objects", result.floor),
    ];
}

function timing(samples: number[]): Timing {
    const sorted = [...samples].sort((a, b) => a - b);
    return { min: sorted[0], median: sorted[Math.floor(sorted.length / 2)], max: sorted[sorted.length - 1], samples };
}
