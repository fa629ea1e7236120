import type { RegisteredResource } from "../offline/capture";
import type { StackPlan } from "../offline/plan";
import { Drift, bucketDrift, keyDrift, plannedSettings } from "./drift";
import { MissingBucketError } from "./errors";
import { resolveEncryptionKeys } from "./keys";
import { BucketRegionError, LiveKey, LiveReader } from "./read";
import { LiveStack, bucketSettings, keyProperties } from "./translate";

/** One side of a stack as read: the stack's region with its credentials, or the vault's region with the vault's. */
export interface SideRead {
    buckets: LiveStack["buckets"];
    /** The customer managed keys found, in the form the pack judges. */
    keys: LiveStack["keys"];
    drift: Drift[];
    /** The first bucket is in another region than the side's: nothing of it was read. */
    firstElsewhere: boolean;
    /** The first bucket does not exist (only when it is not required). */
    firstMissing: boolean;
}

export interface Side {
    /** The planned buckets of this side, `first` among them. */
    buckets: RegisteredResource[];
    /** Read first; when `firstRequired`, its absence ends the verification (MissingBucketError), else it is drift. */
    first: RegisteredResource;
    firstRequired: boolean;
    region: string;
    /** Whether a planned resource belongs to this side (its `region` input). */
    here: (resource: RegisteredResource) => boolean;
}

/**
 * The buckets of one side, their keys (a key the stack creates is found through its alias, since the plan does not
 * know its ARN) and their drift against the plan. A bucket that is missing is drift (but a required first one), one in
 * another region is region drift (AWS-S3-402), its settings unread.
 */
export async function readSide(reader: LiveReader, plan: StackPlan, side: Side, computed: ReadonlySet<string>, defaultTags: Record<string, string>): Promise<SideRead> {
    const drift: Drift[] = [];
    const buckets: LiveStack["buckets"] = [];
    const keys = new Map<string, LiveKey>();
    const described = new Map<string, Promise<LiveKey["metadata"] | undefined>>();
    const readKey = async (keyId: string): Promise<LiveKey | undefined> => {
        if (!described.has(keyId)) {
            described.set(keyId, reader.describeKey(keyId));
        }
        const metadata = await described.get(keyId);
        if (!metadata?.Arn) {
            return undefined;
        }
        described.set(metadata.Arn, Promise.resolve(metadata));
        if (!keys.has(metadata.Arn)) {
            keys.set(metadata.Arn, await reader.key(metadata));
        }
        return keys.get(metadata.Arn);
    };

    const plannedKeys = plan.resources.filter((resource) => resource.type === "aws:kms/key:Key");
    const keyOfAlias = new Map<string, RegisteredResource>();
    for (const alias of plan.resources.filter((resource) => resource.type === "aws:kms/alias:Alias" && typeof resource.inputs.name === "string" && side.here(resource))) {
        const name = alias.inputs.name as string;
        const target = plannedKeys.find((key) => (alias.propertyDependencies.targetKeyId ?? []).includes(key.urn)) ?? (plannedKeys.length === 1 ? plannedKeys[0] : undefined);
        const key = await readKey(name);
        if (!key) {
            drift.push({ setting: `kms alias ${name}`, expected: "present", actual: null });
        } else if (target) {
            keyOfAlias.set(name, target);
            drift.push(...keyDrift(target.inputs, keyProperties(key), computed));
        }
    }
    const aliasKeyArn = async (): Promise<string | undefined> => {
        for (const name of keyOfAlias.keys()) {
            return (await readKey(name))?.metadata.Arn;
        }
        return undefined;
    };

    let firstElsewhere = false;
    let firstMissing = false;
    for (const bucket of [side.first, ...side.buckets.filter((resource) => resource !== side.first)]) {
        const name = bucket.inputs.bucket as string;
        let state;
        try {
            state = await reader.bucket(name);
        } catch (error) {
            if (error instanceof MissingBucketError && !(bucket === side.first && side.firstRequired)) {
                drift.push({ bucket: name, setting: "bucket", expected: "present", actual: null });
                firstMissing ||= bucket === side.first;
                continue;
            }
            // A bucket in another region cannot be read through this region's endpoint: its region is the drift.
            if (error instanceof BucketRegionError) {
                drift.push({ bucket: name, setting: "region", expected: side.region, actual: error.bucketRegion ?? "another region" });
                firstElsewhere ||= bucket === side.first;
                continue;
            }
            throw error;
        }
        const settings = bucketSettings(state);
        buckets.push({ name, settings });
        const planned = plannedSettings(plan.resources, bucket, defaultTags);
        // Without a plan there is nothing to drift from: the live key is still resolved, so the pack judges its ARN.
        const driftHere: Drift[] = [];
        await resolveEncryptionKeys(planned, settings, computed, readKey, aliasKeyArn, driftHere, name);
        if (plan.resources.length > 0) {
            drift.push(...driftHere, ...bucketDrift(name, planned, settings, computed));
        }
    }
    const customer = [...keys.values()].filter((key) => key.metadata.KeyManager === "CUSTOMER").map((key) => ({ arn: key.metadata.Arn as string, properties: keyProperties(key) }));
    return { buckets, keys: customer, drift, firstElsewhere, firstMissing };
}
