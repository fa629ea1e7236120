/** What the plan and the stack config say about the stack's vault: its bucket, where it is, and its lock. */
import { partitionOf } from "../../components/constants";
import { VAULT_DEFAULTS, vaultArgsFromConfig } from "../../components/vault/settings";
import type { RegisteredResource } from "../offline/capture";

export interface PlannedVault {
    /** The plan's vault bucket: the destination of the audit bucket's replication rule. */
    bucket: RegisteredResource;
    name: string;
    region: string;
    account: string;
    partition: string;
    /** The default retention the stack asks for: `vaultObjectLockMode`/`vaultObjectLockDays`, else the component's defaults. */
    lock: { mode: string; days: number };
    /** `vaultReplicationTimeControl`, else the component's default (on). The live rule's setting wins when it is read. */
    replicationTimeControl: boolean;
}

const BUCKET_ARN = /^arn:aws(?:-cn|-us-gov)?:s3:::([^/]+)$/;

/**
 * The vault of the audit bucket `main`: the plan's bucket that `main`'s replication configuration names as its
 * destination. Undefined when the stack has no vault (no `vaultRegion`, no replication into a bucket of the plan).
 */
export function plannedVault(resources: readonly RegisteredResource[], main: RegisteredResource, config: Record<string, string>, project: string, stackAccount: string): PlannedVault | undefined {
    const replications = resources.filter(
        (resource) => resource.type === "aws:s3/bucketReplicationConfig:BucketReplicationConfig" && (resource.inputs.bucket === main.inputs.bucket || (resource.propertyDependencies.bucket ?? []).includes(main.urn)),
    );
    const destinations = replications.flatMap((resource) => (Array.isArray(resource.inputs.rules) ? (resource.inputs.rules as { destination?: { bucket?: unknown } }[]) : []).map((rule) => rule.destination?.bucket));
    const names = destinations.map((arn) => (typeof arn === "string" ? BUCKET_ARN.exec(arn)?.[1] : undefined)).filter((name): name is string => name !== undefined);
    const bucket = resources.find((resource) => resource.type === "aws:s3/bucket:Bucket" && names.includes(resource.inputs.bucket as string) && typeof resource.inputs.region === "string");
    if (!bucket) {
        return undefined;
    }
    const read = (key: string): string | undefined => config[`${project}:${key}`];
    const { vault } = vaultArgsFromConfig(read);
    const region = bucket.inputs.region as string;
    const plannedLock = resources.find((resource) => resource.type === "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration" && resource.inputs.bucket === bucket.inputs.bucket)?.inputs.rule as
        | { defaultRetention?: { mode?: unknown; days?: unknown } }
        | undefined;
    const plannedMode = typeof plannedLock?.defaultRetention?.mode === "string" ? plannedLock.defaultRetention.mode : undefined;
    const plannedDays = typeof plannedLock?.defaultRetention?.days === "number" ? plannedLock.defaultRetention.days : undefined;
    return {
        bucket,
        name: bucket.inputs.bucket as string,
        region,
        account: vault?.accountId ?? stackAccount,
        partition: partitionOf(region),
        lock: { mode: vault?.objectLockMode ?? plannedMode ?? VAULT_DEFAULTS.objectLockMode, days: vault?.objectLockDays ?? plannedDays ?? VAULT_DEFAULTS.objectLockDays },
        replicationTimeControl: vault?.replicationTimeControl ?? VAULT_DEFAULTS.replicationTimeControl,
    };
}
