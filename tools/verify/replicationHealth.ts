import { DeliveryCheck, LogService, datePath, datedBases, listAll } from "./deliveries";
import type { LiveReader } from "./read";

/** How many of each prefix's newest objects are checked. */
export const SAMPLE_SIZE = 10;

/**
 * How long an object may stay PENDING before it is a finding. AWS-S3-702: with Replication Time Control S3
 * replicates 99.99% of new objects within 15 minutes; AWS-S3-703: without it, most objects replicate within 15 minutes
 * and large ones may take several hours, with no bound stated, so a day is the verifier's own limit.
 */
export const PENDING_LIMIT_MINUTES = { timeControl: 15, noTimeControl: 24 * 60 } as const;

/** One checked object of the audit bucket and its copy in the vault. */
export interface ReplicaSample {
    prefix: string;
    key: string;
    lastModified: string;
    ageMinutes: number;
    /** `x-amz-replication-status` of the source object; null when S3 sent none (no rule covers the object). */
    status: string | null;
    /** Whether the vault holds the key; null when it was not asked (the object is not COMPLETED). */
    replicaPresent: boolean | null;
    finding: string | null;
}

/** An object to check: a key of the audit bucket and when it was written. */
export interface SampledObject {
    prefix: string;
    key: string;
    lastModified: Date;
}

const DAY_MS = 24 * 3600 * 1000;

/**
 * The newest objects of each prefix, at most SAMPLE_SIZE each, from today's and yesterday's partitions (UTC) of every
 * account the deliveries check reads; Session Manager's keys carry no date: one page of its prefix, written since the
 * start of yesterday. Marker objects are not samples.
 */
export async function sampleNewest(reader: LiveReader, check: Omit<DeliveryCheck, "maxAgeHours">): Promise<SampledObject[]> {
    const today = new Date(Date.UTC(check.now.getUTCFullYear(), check.now.getUTCMonth(), check.now.getUTCDate()));
    const days = [today, new Date(today.getTime() - DAY_MS)];
    const samples: SampledObject[] = [];
    for (const { service, prefix } of check.prefixes) {
        const found = await objectsOf(reader, check, service, prefix, days);
        const newest = found
            .filter((object) => object.key !== prefix)
            .sort((a, b) => b.lastModified.getTime() - a.lastModified.getTime() || a.key.localeCompare(b.key))
            .slice(0, SAMPLE_SIZE);
        samples.push(...newest.map((object) => ({ prefix, key: object.key, lastModified: object.lastModified })));
    }
    return samples;
}

async function objectsOf(reader: LiveReader, check: Omit<DeliveryCheck, "maxAgeHours">, service: LogService, prefix: string, days: Date[]): Promise<{ key: string; lastModified: Date }[]> {
    if (service === "sessionManager") {
        const page = await reader.listPage(check.bucket, prefix, 1000);
        return page.objects.filter((object) => object.lastModified.getTime() >= days[1].getTime());
    }
    const accounts = service === "cloudTrail" || service === "config" ? check.accounts : [check.accounts[0]];
    const objects: { key: string; lastModified: Date }[] = [];
    for (const account of accounts) {
        for (const base of datedBases(check, service, prefix, account)) {
            for (const day of days) {
                objects.push(...(await listAll(reader, check.bucket, base + datePath(service, day))));
            }
        }
    }
    // The organization trail's and the account's layouts may both list an object only once each; keys are unique.
    return [...new Map(objects.map((object) => [object.key, object])).values()];
}

/**
 * Whether an object's replication status is a finding. AWS-S3-700: a source object of a rule answers PENDING,
 * COMPLETED or FAILED; FAILED is final (S3 does not retry: the object must be written again or replicated by S3 Batch
 * Replication); a replica answers REPLICA, and S3 does not replicate a replica into a further destination; an object no
 * rule covers answers nothing. PENDING is a finding past PENDING_LIMIT_MINUTES.
 */
export function replicationFinding(status: string | null, ageMinutes: number, timeControl: boolean): string | null {
    switch (status) {
        case "COMPLETED":
            return null;
        case "FAILED":
            return "replication FAILED: S3 does not retry it; check the replication role's and the vault's permissions (and the keys'), then replicate it again with S3 Batch Replication";
        case "PENDING": {
            const limit = timeControl ? PENDING_LIMIT_MINUTES.timeControl : PENDING_LIMIT_MINUTES.noTimeControl;
            return ageMinutes > limit
                ? `still PENDING after ${formatMinutes(ageMinutes)}, beyond the ${formatMinutes(limit)} ${timeControl ? "of Replication Time Control" : "the verifier allows without Replication Time Control"}`
                : null;
        }
        case "REPLICA":
            return "it is itself a replica (x-amz-replication-status REPLICA): S3 does not replicate it into the vault";
        case null:
            return "no x-amz-replication-status: no replication rule covered it when it was written, so the vault has no copy (S3 Batch Replication copies existing objects)";
        default:
            return `an x-amz-replication-status of ${status}, which is none of PENDING, COMPLETED, FAILED or REPLICA`;
    }
}

/**
 * HeadObject of each sample on the audit bucket, and for each COMPLETED one HeadObject of the same key in the vault:
 * a completed object whose replica is not there is a finding. `vault` undefined: the vault's side is not read.
 */
export async function checkReplication(source: LiveReader, vault: LiveReader | undefined, samples: SampledObject[], options: { sourceBucket: string; vaultBucket: string; timeControl: boolean; now: Date }): Promise<ReplicaSample[]> {
    return Promise.all(
        samples.map(async (sample): Promise<ReplicaSample> => {
            const head = await source.headObject(options.sourceBucket, sample.key);
            const ageMinutes = Math.round((options.now.getTime() - sample.lastModified.getTime()) / 60000);
            const base = { prefix: sample.prefix, key: sample.key, lastModified: sample.lastModified.toISOString(), ageMinutes };
            if (!head.exists) {
                // Listed, then gone before it was read (an expiration): nothing to say about its copy.
                return { ...base, status: null, replicaPresent: null, finding: null };
            }
            const status = head.replicationStatus ?? null;
            const finding = replicationFinding(status, ageMinutes, options.timeControl);
            if (status !== "COMPLETED" || !vault) {
                return { ...base, status, replicaPresent: null, finding };
            }
            const replica = await vault.headObject(options.vaultBucket, sample.key);
            return { ...base, status, replicaPresent: replica.exists, finding: replica.exists ? null : `COMPLETED on the source, but s3://${options.vaultBucket}/${sample.key} does not exist: the replica was deleted or never written there` };
        }),
    );
}

function formatMinutes(minutes: number): string {
    return minutes >= 120 ? `${Math.round(minutes / 6) / 10} h` : `${minutes} min`;
}
