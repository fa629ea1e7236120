import type { PolicyResource } from "@pulumi/policy";
import { Statement, readPolicy } from "./policyDocuments";
import { Pending, pending } from "./pending";
import { at, entries, first } from "./read";
import { SettingKind, isNative, isType, settingKindOf } from "./types";
import { UNKNOWN, isUnknown, knownString, plainProps } from "./unknowns";

/** Where a setting was declared: a sibling resource, or inline on the bucket (v6-style or aws-native). */
export interface Source {
    from: PolicyResource;
    inline: boolean;
}

export interface PublicAccessBlockSetting extends Source {
    blockPublicAcls: unknown;
    blockPublicPolicy: unknown;
    ignorePublicAcls: unknown;
    restrictPublicBuckets: unknown;
}

/** Each value may be the unknown sentinel during a preview; rules decide what an unknown means for them. */
export interface BucketSettings {
    publicAccessBlocks: PublicAccessBlockSetting[];
    ownership: (Source & { objectOwnership: unknown })[];
    /** `Enabled`, `Suspended`, or `Disabled` (inline `enabled: false`). */
    versioning: (Source & { status: unknown })[];
    /**
     * `blockedEncryptionTypes`: the rule's list as declared (aws-native's `{ encryptionType: [...] }` unwrapped);
     * `NOT_DECLARABLE` where the declaration has no such property (aws.s3.BucketV2's inline rules).
     */
    encryption: (Source & { algorithm: unknown; kmsKeyId: unknown; bucketKeyEnabled: unknown; keyUrns: string[]; blockedEncryptionTypes: unknown })[];
    policies: (Source & { document: unknown })[];
    lifecycle: (Source & { id: unknown; enabled: unknown; expirationDays: unknown; expirationDate: unknown; noncurrentDays: unknown; abortDays: unknown })[];
    objectLock: (Source & { mode: unknown; days: unknown; years: unknown })[];
    logging: (Source & { targetBucket: unknown; targetPrefix: unknown; targetUrns: string[] })[];
    website: Source[];
    cors: Source[];
    replication: ReplicationSetting[];
    notification: Source[];
}

/** One rule of a replication configuration, in one shape whichever way it was declared. */
export interface ReplicationRuleSetting {
    id: unknown;
    /** True for `Enabled`, false for `Disabled`, the unknown sentinel when not known yet. */
    enabled: unknown;
    /** The destination bucket's ARN as declared (`arn:<partition>:s3:::<name>`). */
    destinationBucket: unknown;
    /** The destination account named for owner override (`account`, `accountId`). */
    destinationAccount: unknown;
    /** The key replicas of SSE-KMS objects are encrypted with. */
    replicaKmsKeyId: unknown;
    /** SSE-KMS objects are selected (`sourceSelectionCriteria.sseKmsEncryptedObjects`). */
    sseKmsSelected: unknown;
    /** Delete markers are replicated. */
    deleteMarkers: unknown;
    /** The key prefix the rule selects (filter or the deprecated `prefix`). */
    prefix: unknown;
}

export interface ReplicationSetting extends Source {
    /** Some rule is enabled (or not known yet). */
    enabled: unknown;
    /** The IAM role S3 assumes to replicate. */
    role: unknown;
    rules: ReplicationRuleSetting[];
    /** Resources the configuration depends on (destination buckets, keys, the role): how unknown ARNs are joined. */
    dependencyUrns: string[];
}

/** A bucket with every setting that configures it, however the program declared it. */
export interface BucketView extends BucketSettings {
    bucket: PolicyResource;
    /** The bucket's plain properties (read without @pulumi/policy's unknown-checking proxy). */
    props: Record<string, unknown>;
    native: boolean;
    /** The bucket's name when it is known; absent for an auto-named bucket or a name known only after `up`. */
    name?: string;
    /** True when the name is given but not known until `pulumi up`. */
    nameUnknown: boolean;
    /** Tags as a map (aws-native's `[{key, value}]` list included); the unknown sentinel when not known. */
    tags: Record<string, unknown> | string;
    forceDestroy: unknown;
    /** The bucket itself asks for Object Lock (`objectLockEnabled: true`). */
    objectLockEnabled: unknown;
    /** Setting resources of a kind that could not be joined to any bucket because their target is unknown. */
    unjoined: Partial<Record<SettingKind, PolicyResource[]>>;
}

/** A setting the declaration style cannot express at all, so a rule cannot ask for it there. */
export const NOT_DECLARABLE = "(not declarable in this style)";

/** The plain properties of a policy resource (never the throwing proxy). */
export function propsOf(resource: PolicyResource): Record<string, unknown> {
    return plainProps(resource.props);
}

function empty(): BucketSettings {
    return { publicAccessBlocks: [], ownership: [], versioning: [], encryption: [], policies: [], lifecycle: [], objectLock: [], logging: [], website: [], cors: [], replication: [], notification: [] };
}

const depUrns = (resource: PolicyResource, property: string): string[] => (resource.propertyDependencies?.[property] ?? []).map((dependency) => dependency.urn);

/**
 * Joins every bucket of the stack to its settings. A sibling names its bucket in `bucket`, by name (the same as its
 * id for S3); when that is not known yet, the engine's property dependency of `bucket` on the bucket resource joins
 * them instead.
 */
export function bucketViews(resources: readonly PolicyResource[]): BucketView[] {
    const views = resources.filter((resource) => isType(resource.type, "bucket")).map(viewOf);
    const byName = new Map(views.filter((view) => view.name).map((view) => [view.name as string, view]));
    const byUrn = new Map(views.map((view) => [view.bucket.urn, view]));
    const unjoined: Partial<Record<SettingKind, PolicyResource[]>> = {};
    for (const resource of resources) {
        const kind = settingKindOf(resource.type);
        if (!kind) {
            continue;
        }
        const props = propsOf(resource);
        const target = knownString(props.bucket);
        const view = (target !== undefined ? byName.get(target) : undefined) ?? depUrns(resource, "bucket").map((urn) => byUrn.get(urn)).find((found) => found !== undefined);
        if (view) {
            addSibling(view, kind, resource, props);
        } else if (target === undefined) {
            (unjoined[kind] ??= []).push(resource);
        }
    }
    for (const view of views) {
        view.unjoined = unjoined;
    }
    return views;
}

function viewOf(bucket: PolicyResource): BucketView {
    const props = propsOf(bucket);
    const native = isNative(bucket.type);
    const rawName = native ? props.bucketName : props.bucket;
    const view: BucketView = {
        ...empty(),
        bucket,
        props,
        native,
        name: knownString(rawName) ?? (native ? undefined : knownString(props.id)),
        nameUnknown: isUnknown(rawName),
        tags: native ? nativeTags(props.tags) : isUnknown(props.tags) ? (props.tags as string) : ((props.tags ?? {}) as Record<string, unknown>),
        forceDestroy: native ? undefined : props.forceDestroy,
        objectLockEnabled: props.objectLockEnabled,
        unjoined: {},
    };
    if (native) {
        addNativeSettings(view, props);
    } else {
        addInlineSettings(view, props, bucket.type === "aws:s3/bucketV2:BucketV2");
    }
    return view;
}

function nativeTags(tags: unknown): Record<string, unknown> | string {
    if (isUnknown(tags)) {
        return tags as string;
    }
    const map: Record<string, unknown> = {};
    for (const tag of entries(tags)) {
        const key = at(tag, "key");
        if (typeof key === "string" && !isUnknown(key)) {
            map[key] = at(tag, "value");
        }
    }
    return map;
}

/** A sibling resource of `kind`, in v7's split form (the `...V2` forms have the same properties). */
function addSibling(view: BucketView, kind: SettingKind, from: PolicyResource, props: Record<string, unknown>): void {
    const source = { from, inline: false };
    switch (kind) {
        case "publicAccessBlock":
            view.publicAccessBlocks.push({ ...source, blockPublicAcls: props.blockPublicAcls, blockPublicPolicy: props.blockPublicPolicy, ignorePublicAcls: props.ignorePublicAcls, restrictPublicBuckets: props.restrictPublicBuckets });
            break;
        case "ownershipControls":
            view.ownership.push({ ...source, objectOwnership: at(props.rule, "objectOwnership") });
            break;
        case "versioning":
            view.versioning.push({ ...source, status: at(props.versioningConfiguration, "status") });
            break;
        case "encryption":
            for (const rule of entries(props.rules)) {
                view.encryption.push({
                    ...source,
                    algorithm: at(rule, "applyServerSideEncryptionByDefault", "sseAlgorithm"),
                    kmsKeyId: at(rule, "applyServerSideEncryptionByDefault", "kmsMasterKeyId"),
                    bucketKeyEnabled: at(rule, "bucketKeyEnabled"),
                    keyUrns: depUrns(from, "rules"),
                    blockedEncryptionTypes: at(rule, "blockedEncryptionTypes"),
                });
            }
            break;
        case "policy":
            view.policies.push({ ...source, document: isNative(from.type) ? props.policyDocument : props.policy });
            break;
        case "lifecycle":
            for (const rule of entries(props.rules)) {
                const status = at(rule, "status");
                view.lifecycle.push({
                    ...source,
                    id: at(rule, "id"),
                    enabled: isUnknown(status) ? UNKNOWN : status !== "Disabled",
                    expirationDays: at(rule, "expiration", "days"),
                    expirationDate: at(rule, "expiration", "date"),
                    noncurrentDays: at(rule, "noncurrentVersionExpiration", "noncurrentDays"),
                    abortDays: at(rule, "abortIncompleteMultipartUpload", "daysAfterInitiation"),
                });
            }
            break;
        case "objectLock": {
            const retention = at(props.rule, "defaultRetention");
            view.objectLock.push({ ...source, mode: at(retention, "mode"), days: at(retention, "days"), years: at(retention, "years") });
            break;
        }
        case "logging":
            view.logging.push({ ...source, targetBucket: props.targetBucket, targetPrefix: props.targetPrefix, targetUrns: depUrns(from, "targetBucket") });
            break;
        case "replication":
            view.replication.push(replicationOf(source, props, [...depUrns(from, "rules"), ...depUrns(from, "role")], "split"));
            break;
        default:
            view[kind].push(source);
    }
}

/** Inline settings of `aws.s3.Bucket` (singular objects) and the deprecated `aws.s3.BucketV2` (single-element lists). */
function addInlineSettings(view: BucketView, props: Record<string, unknown>, v2: boolean): void {
    const source = { from: view.bucket, inline: true };
    const one = (singular: string, plural: string): unknown => (v2 ? first(props[plural]) : props[singular]);
    const versioning = one("versioning", "versionings");
    if (versioning !== undefined) {
        const enabled = at(versioning, "enabled");
        view.versioning.push({ ...source, status: isUnknown(enabled) ? UNKNOWN : enabled === true ? "Enabled" : "Disabled" });
    }
    const sse = one("serverSideEncryptionConfiguration", "serverSideEncryptionConfigurations");
    if (sse !== undefined) {
        for (const rule of v2 ? entries(at(sse, "rules")) : [at(sse, "rule")]) {
            const byDefault = v2 ? first(at(rule, "applyServerSideEncryptionByDefaults")) : at(rule, "applyServerSideEncryptionByDefault");
            const property = v2 ? "serverSideEncryptionConfigurations" : "serverSideEncryptionConfiguration";
            // aws.s3.BucketV2's inline rule has no blockedEncryptionTypes (7.48 declarations); aws.s3.Bucket's has.
            const blockedEncryptionTypes = v2 ? NOT_DECLARABLE : at(rule, "blockedEncryptionTypes");
            view.encryption.push({ ...source, algorithm: at(byDefault, "sseAlgorithm"), kmsKeyId: at(byDefault, "kmsMasterKeyId"), bucketKeyEnabled: at(rule, "bucketKeyEnabled"), keyUrns: depUrns(view.bucket, property), blockedEncryptionTypes });
        }
    }
    if (props.policy !== undefined) {
        view.policies.push({ ...source, document: props.policy });
    }
    for (const rule of entries(props.lifecycleRules)) {
        const expiration = v2 ? first(at(rule, "expirations")) : at(rule, "expiration");
        const noncurrent = v2 ? first(at(rule, "noncurrentVersionExpirations")) : at(rule, "noncurrentVersionExpiration");
        view.lifecycle.push({
            ...source,
            id: at(rule, "id"),
            enabled: at(rule, "enabled"),
            expirationDays: at(expiration, "days"),
            expirationDate: at(expiration, "date"),
            noncurrentDays: at(noncurrent, "days"),
            abortDays: at(rule, "abortIncompleteMultipartUploadDays"),
        });
    }
    const lock = props.objectLockConfiguration;
    if (lock !== undefined) {
        const retention = v2 ? first(at(first(at(lock, "rules")), "defaultRetentions")) : at(lock, "rule", "defaultRetention");
        view.objectLock.push({ ...source, mode: at(retention, "mode"), days: at(retention, "days"), years: at(retention, "years") });
    }
    const logging = one("logging", "loggings");
    if (logging !== undefined) {
        view.logging.push({ ...source, targetBucket: at(logging, "targetBucket"), targetPrefix: at(logging, "targetPrefix"), targetUrns: depUrns(view.bucket, v2 ? "loggings" : "logging") });
    }
    if (one("website", "websites") !== undefined) {
        view.website.push(source);
    }
    if (props.corsRules !== undefined) {
        view.cors.push(source);
    }
    const replication = one("replicationConfiguration", "replicationConfigurations");
    if (replication !== undefined) {
        view.replication.push(replicationOf(source, replication, depUrns(view.bucket, v2 ? "replicationConfigurations" : "replicationConfiguration"), v2 ? "inline-v2" : "inline"));
    }
}

/**
 * A replication configuration: `rules` with `role`. The split resource and aws-native share CloudFormation's shape
 * (`destination.encryptionConfiguration.replicaKmsKeyId`, `status` objects); the inline forms of `aws.s3.Bucket` put
 * the key and account on the destination and use booleans, and `BucketV2` wraps each block in a list.
 */
function replicationOf(source: Source, configuration: unknown, dependencyUrns: string[], shape: "split" | "inline" | "inline-v2"): ReplicationSetting {
    const v2 = shape === "inline-v2";
    const pick = (value: unknown, name: string): unknown => (v2 ? first(at(value, `${name}s`)) : at(value, name));
    const status = (value: unknown): unknown => (isUnknown(value) ? UNKNOWN : value === undefined ? undefined : value === "Enabled");
    const rules = entries(at(configuration, "rules")).map((rule): ReplicationRuleSetting => {
        const destination = v2 ? first(at(rule, "destinations")) : at(rule, "destination");
        const sseKms = at(pick(rule, "sourceSelectionCriteria"), "sseKmsEncryptedObjects");
        const filterPrefix = at(pick(rule, "filter"), "prefix");
        return {
            id: at(rule, "id"),
            enabled: isUnknown(rule) ? UNKNOWN : status(at(rule, "status")),
            destinationBucket: at(destination, "bucket"),
            destinationAccount: shape === "split" ? at(destination, "account") : at(destination, "accountId"),
            replicaKmsKeyId: shape === "split" ? at(destination, "encryptionConfiguration", "replicaKmsKeyId") : at(destination, "replicaKmsKeyId"),
            sseKmsSelected: shape === "split" ? status(at(sseKms, "status")) : at(v2 ? first(sseKms) : sseKms, "enabled"),
            deleteMarkers: shape === "split" ? status(at(rule, "deleteMarkerReplication", "status")) : status(at(rule, "deleteMarkerReplicationStatus")),
            prefix: filterPrefix ?? at(rule, "prefix"),
        };
    });
    // A rule not known at all may be enabled; a rule whose status alone is not known is not counted (as before).
    const enabled = rules.some((rule) => rule.enabled === true) || entries(at(configuration, "rules")).some(isUnknown);
    return { ...source, enabled, role: at(configuration, "role"), rules, dependencyUrns };
}

/** `aws-native:s3:Bucket`: one resource carries every setting, with CloudFormation's property shapes. */
function addNativeSettings(view: BucketView, props: Record<string, unknown>): void {
    const source = { from: view.bucket, inline: true };
    const block = props.publicAccessBlockConfiguration;
    if (block !== undefined) {
        view.publicAccessBlocks.push({
            ...source,
            blockPublicAcls: at(block, "blockPublicAcls"),
            blockPublicPolicy: at(block, "blockPublicPolicy"),
            ignorePublicAcls: at(block, "ignorePublicAcls"),
            restrictPublicBuckets: at(block, "restrictPublicBuckets"),
        });
    }
    for (const rule of props.ownershipControls === undefined ? [] : entries(at(props.ownershipControls, "rules"))) {
        view.ownership.push({ ...source, objectOwnership: at(rule, "objectOwnership") });
    }
    if (props.versioningConfiguration !== undefined) {
        view.versioning.push({ ...source, status: at(props.versioningConfiguration, "status") });
    }
    for (const rule of props.bucketEncryption === undefined ? [] : entries(at(props.bucketEncryption, "serverSideEncryptionConfiguration"))) {
        view.encryption.push({
            ...source,
            algorithm: at(rule, "serverSideEncryptionByDefault", "sseAlgorithm"),
            kmsKeyId: at(rule, "serverSideEncryptionByDefault", "kmsMasterKeyId"),
            bucketKeyEnabled: at(rule, "bucketKeyEnabled"),
            keyUrns: depUrns(view.bucket, "bucketEncryption"),
            // AWS-S3-601: CloudFormation's BlockedEncryptionTypes is an object holding the EncryptionType list
            blockedEncryptionTypes: at(rule, "blockedEncryptionTypes", "encryptionType"),
        });
    }
    for (const rule of props.lifecycleConfiguration === undefined ? [] : entries(at(props.lifecycleConfiguration, "rules"))) {
        const status = at(rule, "status");
        const noncurrent = at(rule, "noncurrentVersionExpiration", "noncurrentDays");
        view.lifecycle.push({
            ...source,
            id: at(rule, "id"),
            enabled: isUnknown(status) ? UNKNOWN : status !== "Disabled",
            expirationDays: at(rule, "expirationInDays"),
            expirationDate: at(rule, "expirationDate"),
            noncurrentDays: noncurrent ?? at(rule, "noncurrentVersionExpirationInDays"),
            abortDays: at(rule, "abortIncompleteMultipartUpload", "daysAfterInitiation"),
        });
    }
    const lock = props.objectLockConfiguration;
    if (lock !== undefined) {
        const retention = at(lock, "rule", "defaultRetention");
        view.objectLock.push({ ...source, mode: at(retention, "mode"), days: at(retention, "days"), years: at(retention, "years") });
    }
    if (props.loggingConfiguration !== undefined) {
        view.logging.push({ ...source, targetBucket: at(props.loggingConfiguration, "destinationBucketName"), targetPrefix: at(props.loggingConfiguration, "logFilePrefix"), targetUrns: depUrns(view.bucket, "loggingConfiguration") });
    }
    if (props.websiteConfiguration !== undefined) {
        view.website.push(source);
    }
    if (props.corsConfiguration !== undefined) {
        view.cors.push(source);
    }
    if (props.replicationConfiguration !== undefined) {
        view.replication.push(replicationOf(source, props.replicationConfiguration, depUrns(view.bucket, "replicationConfiguration"), "split"));
    }
    if (props.notificationConfiguration !== undefined) {
        view.notification.push(source);
    }
}

/** Whether a bucket is an audit-log bucket: named with the configured prefix, or tagged `purpose: audit-logs`. */
export function auditLogStatus(view: BucketView, namePrefix: string): "yes" | "no" | "unknown" {
    if (typeof view.tags === "object" && view.tags.purpose === "audit-logs") {
        return "yes";
    }
    if (view.name !== undefined && view.name.startsWith(namePrefix)) {
        return "yes";
    }
    const tagUnknown = isUnknown(view.tags) || (typeof view.tags === "object" && isUnknown(view.tags.purpose));
    return view.nameUnknown || tagUnknown ? "unknown" : "no";
}

export function describe(view: BucketView): string {
    return view.name ? `bucket "${view.name}" (${view.bucket.name})` : `bucket ${view.bucket.name}`;
}

/**
 * The statements of every policy of a bucket, with the policies not known yet. A policy that is not valid JSON is
 * reported by `s3-policy-no-public-principal` on the resource that carries it.
 */
export function bucketStatements(view: BucketView): { statements: Statement[]; unknown: Source[] } {
    const result: { statements: Statement[]; unknown: Source[] } = { statements: [], unknown: [] };
    for (const policy of view.policies) {
        const read = readPolicy(policy.document);
        if (read.kind === "statements") {
            result.statements.push(...read.statements);
        } else if (read.kind === "unknown") {
            result.unknown.push(policy);
        }
    }
    return result;
}

/** A verdict that waits for a bucket policy not known yet, said once for the bucket. */
export function policyNotKnown(view: BucketView, unknown: readonly Source[]): Pending {
    return pending(`${describe(view)} takes its bucket policy from ${unknown.map((policy) => policy.from.name).join(", ")}, not known yet.`);
}

/** The settings of `kind` that could not be joined to a bucket, said as a reason a verdict waits for `pulumi up`. */
export function unjoinedNote(view: BucketView, kind: SettingKind): string | undefined {
    const others = view.unjoined[kind] ?? [];
    return others.length > 0 ? `${others.map((resource) => resource.name).join(", ")} may configure ${describe(view)}, but names its bucket by a value not known yet` : undefined;
}
