import type { AnalyzerResource } from "../../tools/policy/analyzer";
import { resource } from "../support/fixtures";

/**
 * One bucket described once, as plain settings, and written out in every way a program can declare it: the pack
 * must give the same verdict whichever way that is.
 */
export interface BucketSpec {
    name: string;
    tags?: Record<string, string>;
    forceDestroy?: boolean | typeof UNKNOWN;
    publicAccessBlock?: Partial<Record<"blockPublicAcls" | "blockPublicPolicy" | "ignorePublicAcls" | "restrictPublicBuckets", unknown>>;
    ownership?: unknown;
    versioning?: "Enabled" | "Suspended" | "Disabled" | typeof UNKNOWN;
    /** `keyUrn`: the stack's key the rule depends on, as the engine's property dependency (a created key's ARN). */
    /** `blocked`: the rule's blockedEncryptionTypes (aws.s3.BucketV2's inline rule cannot carry it). */
    encryption?: { algorithm: unknown; kmsKeyId?: unknown; bucketKey?: unknown; keyUrn?: string; blocked?: unknown };
    statements?: Record<string, unknown>[];
    /** A whole policy document in place of `statements` (the unknown sentinel, or an unreadable string). */
    policyDocument?: unknown;
    lifecycle?: { id: string; enabled: unknown; expirationDays?: unknown; expirationDate?: unknown; noncurrentDays?: unknown; abortDays?: unknown }[];
    acl?: string;
    objectLock?: { mode: unknown; days: unknown };
    logging?: { targetBucket: unknown };
    website?: boolean;
    cors?: boolean;
    replication?: boolean;
    notification?: boolean;
}

export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
export const ACCOUNT = "123456789012";
export const AUDIT = `network-compliance-logs-${ACCOUNT}-us-east-1`;
export const PLAIN = "website-assets";
export const KEY_ARN = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;

export function tlsDeny(bucket: string, partition = "aws"): Record<string, unknown> {
    return {
        Sid: "DenyInsecureTransport",
        Effect: "Deny",
        Principal: "*",
        Action: "s3:*",
        Resource: [`arn:${partition}:s3:::${bucket}`, `arn:${partition}:s3:::${bucket}/*`],
        Condition: { Bool: { "aws:SecureTransport": "false" } },
    };
}

export function cloudTrailWrite(bucket: string, partition = "aws"): Record<string, unknown> {
    return {
        Sid: "AWSCloudTrailWrite",
        Effect: "Allow",
        Principal: { Service: "cloudtrail.amazonaws.com" },
        Action: "s3:PutObject",
        Resource: `arn:${partition}:s3:::${bucket}/cloudtrail-logs/AWSLogs/${ACCOUNT}/*`,
        Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceArn": `arn:${partition}:cloudtrail:us-east-1:${ACCOUNT}:trail/main` } },
    };
}

/** A bucket every rule of the pack passes, advisories included. */
export function compliantSpec(name: string, change: Partial<BucketSpec> = {}): BucketSpec {
    return {
        name,
        forceDestroy: false,
        publicAccessBlock: { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
        ownership: "BucketOwnerEnforced",
        versioning: "Enabled",
        encryption: { algorithm: "aws:kms", kmsKeyId: KEY_ARN, bucketKey: true, blocked: ["SSE-C"] },
        statements: [tlsDeny(name), cloudTrailWrite(name)],
        lifecycle: [{ id: "expire", enabled: true, expirationDays: 400, noncurrentDays: 30, abortDays: 7 }],
        objectLock: { mode: "GOVERNANCE", days: 30 },
        logging: { targetBucket: "access-logs" },
        replication: true,
        notification: true,
        ...change,
    };
}

/** The ways a program can declare a bucket's settings. */
export const STYLES = ["v7 split resources", "deprecated V2 resources", "inline on aws.s3.Bucket", "inline on aws.s3.BucketV2", "aws-native"] as const;
export type Style = (typeof STYLES)[number];

/** Options of the rendering: unknown join values, as a preview of a new stack sends them. */
export interface RenderOptions {
    /** Settings name their bucket by the unknown sentinel, joined by the engine's property dependency only. */
    unknownBucketIds?: boolean;
}


export function render(spec: BucketSpec, style: Style, options: RenderOptions = {}): AnalyzerResource[] {
    const native = style === "aws-native";
    const v2 = style === "deprecated V2 resources" || style === "inline on aws.s3.BucketV2";
    const inline = style.startsWith("inline") || native;
    const bucketType = native ? "aws-native:s3:Bucket" : v2 ? "aws:s3/bucketV2:BucketV2" : "aws:s3/bucket:Bucket";
    const bucketProps: Record<string, unknown> = native ? { bucketName: spec.name } : { bucket: spec.name, forceDestroy: spec.forceDestroy };
    if (spec.tags) {
        bucketProps.tags = native ? Object.entries(spec.tags).map(([key, value]) => ({ key, value })) : spec.tags;
    }
    const bucketUrnName = `${spec.name}-bucket`;
    const bucketDependencies: Record<string, string[]> = {};
    const bucket = resource(bucketType, bucketUrnName, bucketProps, { propertyDependencies: bucketDependencies });
    const siblings: AnalyzerResource[] = [];
    const sibling = (type: string, role: string, properties: Record<string, unknown>, dependencies: Record<string, string[]> = {}): void => {
        const target = options.unknownBucketIds ? UNKNOWN : spec.name;
        siblings.push(resource(type, `${spec.name}-${role}`, { bucket: target, ...properties }, { propertyDependencies: { bucket: [bucket.urn], ...dependencies }, dependencies: [bucket.urn] }));
    };
    const keyDependency = (property: string): Record<string, string[]> => (spec.encryption?.keyUrn ? { [property]: [spec.encryption.keyUrn] } : {});
    const splitType = (token: string, name: string): string => (style === "deprecated V2 resources" && V2_TOKENS.has(name) ? `aws:s3/${token}V2:${name}V2` : `aws:s3/${token}:${name}`);
    const document = spec.policyDocument ?? (spec.statements ? { Version: "2012-10-17", Statement: spec.statements } : undefined);

    if (spec.publicAccessBlock) {
        if (native) {
            bucketProps.publicAccessBlockConfiguration = spec.publicAccessBlock;
        } else {
            sibling("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "pab", spec.publicAccessBlock);
        }
    }
    if (spec.ownership !== undefined) {
        if (native) {
            bucketProps.ownershipControls = { rules: [{ objectOwnership: spec.ownership }] };
        } else {
            sibling("aws:s3/bucketOwnershipControls:BucketOwnershipControls", "ownership", { rule: { objectOwnership: spec.ownership } });
        }
    }
    if (spec.versioning) {
        if (native) {
            bucketProps.versioningConfiguration = { status: spec.versioning === "Disabled" ? "Suspended" : spec.versioning };
        } else if (inline) {
            const versioning = { enabled: spec.versioning === UNKNOWN ? UNKNOWN : spec.versioning === "Enabled" };
            bucketProps[v2 ? "versionings" : "versioning"] = v2 ? [versioning] : versioning;
        } else {
            sibling(splitType("bucketVersioning", "BucketVersioning"), "versioning", { versioningConfiguration: { status: spec.versioning === "Disabled" ? "Suspended" : spec.versioning } });
        }
    }
    if (spec.encryption) {
        const byDefault = { sseAlgorithm: spec.encryption.algorithm, ...(spec.encryption.kmsKeyId !== undefined ? { kmsMasterKeyId: spec.encryption.kmsKeyId } : {}) };
        const blocked = spec.encryption.blocked;
        const bucketKey = {
            ...(spec.encryption.bucketKey !== undefined ? { bucketKeyEnabled: spec.encryption.bucketKey } : {}),
            // aws-native takes CloudFormation's shape, { encryptionType: [...] }; aws.s3.BucketV2's inline rule has none.
            ...(blocked === undefined || style === "inline on aws.s3.BucketV2" ? {} : { blockedEncryptionTypes: native ? (blocked === UNKNOWN ? UNKNOWN : { encryptionType: blocked }) : blocked }),
        };
        if (native) {
            bucketProps.bucketEncryption = { serverSideEncryptionConfiguration: [{ serverSideEncryptionByDefault: byDefault, ...bucketKey }] };
            Object.assign(bucketDependencies, keyDependency("bucketEncryption"));
        } else if (inline) {
            bucketProps[v2 ? "serverSideEncryptionConfigurations" : "serverSideEncryptionConfiguration"] = v2
                ? [{ rules: [{ applyServerSideEncryptionByDefaults: [byDefault], ...bucketKey }] }]
                : { rule: { applyServerSideEncryptionByDefault: byDefault, ...bucketKey } };
            Object.assign(bucketDependencies, keyDependency(v2 ? "serverSideEncryptionConfigurations" : "serverSideEncryptionConfiguration"));
        } else {
            sibling(splitType("bucketServerSideEncryptionConfiguration", "BucketServerSideEncryptionConfiguration"), "sse", { rules: [{ applyServerSideEncryptionByDefault: byDefault, ...bucketKey }] }, keyDependency("rules"));
        }
    }
    if (document !== undefined) {
        if (native) {
            siblings.push(
                resource("aws-native:s3:BucketPolicy", `${spec.name}-policy`, { bucket: options.unknownBucketIds ? UNKNOWN : spec.name, policyDocument: document }, { propertyDependencies: { bucket: [bucket.urn] } }),
            );
        } else if (inline) {
            bucketProps.policy = typeof document === "string" ? document : JSON.stringify(document);
        } else {
            sibling("aws:s3/bucketPolicy:BucketPolicy", "policy", { policy: typeof document === "string" ? document : JSON.stringify(document) });
        }
    }
    if (spec.lifecycle) {
        if (native) {
            bucketProps.lifecycleConfiguration = {
                rules: spec.lifecycle.map((rule) => ({
                    id: rule.id,
                    status: rule.enabled === true ? "Enabled" : rule.enabled === false ? "Disabled" : rule.enabled,
                    ...(rule.expirationDays !== undefined ? { expirationInDays: rule.expirationDays } : {}),
                    ...(rule.expirationDate !== undefined ? { expirationDate: rule.expirationDate } : {}),
                    ...(rule.noncurrentDays !== undefined ? { noncurrentVersionExpiration: { noncurrentDays: rule.noncurrentDays } } : {}),
                    ...(rule.abortDays !== undefined ? { abortIncompleteMultipartUpload: { daysAfterInitiation: rule.abortDays } } : {}),
                })),
            };
        } else if (inline) {
            bucketProps.lifecycleRules = spec.lifecycle.map((rule) => {
                const expiration = rule.expirationDays !== undefined || rule.expirationDate !== undefined ? { ...(rule.expirationDays !== undefined ? { days: rule.expirationDays } : {}), ...(rule.expirationDate !== undefined ? { date: rule.expirationDate } : {}) } : undefined;
                const noncurrent = rule.noncurrentDays !== undefined ? { days: rule.noncurrentDays } : undefined;
                return {
                    id: rule.id,
                    enabled: rule.enabled,
                    ...(expiration ? (v2 ? { expirations: [expiration] } : { expiration }) : {}),
                    ...(noncurrent ? (v2 ? { noncurrentVersionExpirations: [noncurrent] } : { noncurrentVersionExpiration: noncurrent }) : {}),
                    ...(rule.abortDays !== undefined ? { abortIncompleteMultipartUploadDays: rule.abortDays } : {}),
                };
            });
        } else {
            sibling(splitType("bucketLifecycleConfiguration", "BucketLifecycleConfiguration"), "lifecycle", {
                rules: spec.lifecycle.map((rule) => ({
                    id: rule.id,
                    status: rule.enabled === true ? "Enabled" : rule.enabled === false ? "Disabled" : rule.enabled,
                    ...(rule.expirationDays !== undefined || rule.expirationDate !== undefined
                        ? { expiration: { ...(rule.expirationDays !== undefined ? { days: rule.expirationDays } : {}), ...(rule.expirationDate !== undefined ? { date: rule.expirationDate } : {}) } }
                        : {}),
                    ...(rule.noncurrentDays !== undefined ? { noncurrentVersionExpiration: { noncurrentDays: rule.noncurrentDays } } : {}),
                    ...(rule.abortDays !== undefined ? { abortIncompleteMultipartUpload: { daysAfterInitiation: rule.abortDays } } : {}),
                })),
            });
        }
    }
    if (spec.acl) {
        if (native) {
            bucketProps.accessControl = NATIVE_ACLS[spec.acl] ?? spec.acl;
        } else if (inline) {
            bucketProps.acl = spec.acl;
        } else {
            sibling(splitType("bucketAcl", "BucketAcl"), "acl", { acl: spec.acl });
        }
    }
    if (spec.objectLock) {
        bucketProps.objectLockEnabled = true;
        const retention = { mode: spec.objectLock.mode, days: spec.objectLock.days };
        if (native) {
            bucketProps.objectLockConfiguration = { objectLockEnabled: "Enabled", rule: { defaultRetention: retention } };
        } else if (inline) {
            bucketProps.objectLockConfiguration = v2 ? { objectLockEnabled: "Enabled", rules: [{ defaultRetentions: [retention] }] } : { objectLockEnabled: "Enabled", rule: { defaultRetention: retention } };
        } else {
            sibling(splitType("bucketObjectLockConfiguration", "BucketObjectLockConfiguration"), "lock", { objectLockEnabled: "Enabled", rule: { defaultRetention: retention } });
        }
    }
    if (spec.logging) {
        if (native) {
            bucketProps.loggingConfiguration = { destinationBucketName: spec.logging.targetBucket, logFilePrefix: "x/" };
        } else if (inline) {
            const logging = { targetBucket: spec.logging.targetBucket, targetPrefix: "x/" };
            bucketProps[v2 ? "loggings" : "logging"] = v2 ? [logging] : logging;
        } else {
            sibling(splitType("bucketLogging", "BucketLogging"), "logging", { targetBucket: spec.logging.targetBucket, targetPrefix: "x/" });
        }
    }
    if (spec.website) {
        const website = { indexDocument: "index.html" };
        if (native) {
            bucketProps.websiteConfiguration = { indexDocument: "index.html" };
        } else if (inline) {
            bucketProps[v2 ? "websites" : "website"] = v2 ? [website] : website;
        } else {
            sibling(splitType("bucketWebsiteConfiguration", "BucketWebsiteConfiguration"), "website", { indexDocument: { suffix: "index.html" } });
        }
    }
    if (spec.cors) {
        const rule = { allowedMethods: ["GET"], allowedOrigins: ["*"] };
        if (native) {
            bucketProps.corsConfiguration = { corsRules: [rule] };
        } else if (inline) {
            bucketProps.corsRules = [rule];
        } else {
            sibling(splitType("bucketCorsConfiguration", "BucketCorsConfiguration"), "cors", { corsRules: [rule] });
        }
    }
    if (spec.replication) {
        const rules = [{ id: "to-replica", status: "Enabled", destination: { bucket: "arn:aws:s3:::replica" } }];
        if (native) {
            bucketProps.replicationConfiguration = { role: "arn:aws:iam::123456789012:role/replication", rules };
        } else if (inline) {
            const configuration = { role: "arn:aws:iam::123456789012:role/replication", rules };
            bucketProps[v2 ? "replicationConfigurations" : "replicationConfiguration"] = v2 ? [configuration] : configuration;
        } else {
            sibling("aws:s3/bucketReplicationConfig:BucketReplicationConfig", "replication", { role: "arn:aws:iam::123456789012:role/replication", rules });
        }
    }
    if (spec.notification) {
        if (native) {
            bucketProps.notificationConfiguration = { eventBridgeConfiguration: { eventBridgeEnabled: true } };
        } else {
            sibling("aws:s3/bucketNotification:BucketNotification", "notification", { eventbridge: true });
        }
    }
    return [bucket, ...siblings];
}

// The split resources that also have a deprecated `...V2` name.
const V2_TOKENS = new Set(["BucketVersioning", "BucketServerSideEncryptionConfiguration", "BucketLifecycleConfiguration", "BucketAcl", "BucketObjectLockConfiguration", "BucketLogging", "BucketWebsiteConfiguration", "BucketCorsConfiguration"]);

const NATIVE_ACLS: Record<string, string> = { "public-read": "PublicRead", "public-read-write": "PublicReadWrite", "authenticated-read": "AuthenticatedRead", private: "Private" };

/** A KMS key described once, written as `aws.kms.Key`, as a key with a separate `aws.kms.KeyPolicy`, or in aws-native. */
export interface KeySpec {
    name: string;
    enabled?: unknown;
    rotation?: unknown;
    deletionWindow?: unknown;
    statements?: Record<string, unknown>[];
    /** A whole key policy in place of `statements`. */
    policyDocument?: unknown;
    bypass?: unknown;
}

export const KEY_STYLES = ["aws.kms.Key", "aws.kms.Key with aws.kms.KeyPolicy", "aws-native"] as const;
export type KeyStyle = (typeof KEY_STYLES)[number];

export function rootAdmin(partition = "aws"): Record<string, unknown> {
    return { Sid: "AccountAdmin", Effect: "Allow", Principal: { AWS: `arn:${partition}:iam::${ACCOUNT}:root` }, Action: "kms:*", Resource: "*" };
}

export function compliantKey(name: string, change: Partial<KeySpec> = {}): KeySpec {
    return { name, enabled: true, rotation: true, deletionWindow: 30, statements: [rootAdmin()], ...change };
}

export function keyUrnOf(spec: KeySpec, style: KeyStyle): string {
    return renderKey(spec, style)[0].urn;
}

export function renderKey(spec: KeySpec, style: KeyStyle): AnalyzerResource[] {
    const document = spec.policyDocument ?? (spec.statements ? { Version: "2012-10-17", Statement: spec.statements } : undefined);
    const asString = (value: unknown): unknown => (value === undefined || typeof value === "string" ? value : JSON.stringify(value));
    const defined = (properties: Record<string, unknown>): Record<string, unknown> => Object.fromEntries(Object.entries(properties).filter(([, value]) => value !== undefined));
    if (style === "aws-native") {
        return [
            resource(
                "aws-native:kms:Key",
                spec.name,
                defined({ enabled: spec.enabled, enableKeyRotation: spec.rotation, pendingWindowInDays: spec.deletionWindow, keyPolicy: document, bypassPolicyLockoutSafetyCheck: spec.bypass }),
            ),
        ];
    }
    const separate = style === "aws.kms.Key with aws.kms.KeyPolicy";
    const key = resource(
        "aws:kms/key:Key",
        spec.name,
        defined({
            isEnabled: spec.enabled,
            enableKeyRotation: spec.rotation,
            deletionWindowInDays: spec.deletionWindow,
            policy: separate ? undefined : asString(document),
            bypassPolicyLockoutSafetyCheck: separate ? undefined : spec.bypass,
        }),
    );
    if (!separate) {
        return [key];
    }
    // The created key's id is not known during a preview: the policy is joined to it by property dependency.
    const policy = resource("aws:kms/keyPolicy:KeyPolicy", `${spec.name}-policy`, defined({ keyId: UNKNOWN, policy: asString(document), bypassPolicyLockoutSafetyCheck: spec.bypass }), {
        propertyDependencies: { keyId: [key.urn] },
    });
    return [key, policy];
}

type PublicAccessSettings = Partial<Record<"blockPublicAcls" | "blockPublicPolicy" | "ignorePublicAcls" | "restrictPublicBuckets", unknown>>;

/** An access point described once: its Block Public Access settings (absent: left out, AWS's default), or unknown. */
export interface AccessPointSpec {
    name: string;
    block?: PublicAccessSettings | typeof UNKNOWN | null;
}

export const ALL_BLOCKED: PublicAccessSettings = { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true };

/** The ways a program can declare an access point to a bucket, each with the block where its type keeps it. */
export const ACCESS_POINT_STYLES = ["aws.s3.AccessPoint", "aws.s3control.MultiRegionAccessPoint", "aws-native AccessPoint", "aws-native MultiRegionAccessPoint"] as const;
export type AccessPointStyle = (typeof ACCESS_POINT_STYLES)[number];

export function renderAccessPoint(spec: AccessPointSpec, style: AccessPointStyle, bucket = PLAIN): AnalyzerResource[] {
    const block = spec.block === undefined ? {} : { publicAccessBlockConfiguration: spec.block };
    switch (style) {
        case "aws.s3.AccessPoint":
            return [resource("aws:s3/accessPoint:AccessPoint", spec.name, { bucket, name: spec.name, ...block })];
        case "aws.s3control.MultiRegionAccessPoint":
            return [
                resource("aws:s3control/multiRegionAccessPoint:MultiRegionAccessPoint", spec.name, {
                    details: { name: spec.name, regions: [{ bucket }], ...(spec.block === undefined ? {} : { publicAccessBlock: spec.block }) },
                }),
            ];
        case "aws-native AccessPoint":
            return [resource("aws-native:s3:AccessPoint", spec.name, { bucket, name: spec.name, ...block })];
        case "aws-native MultiRegionAccessPoint":
            return [resource("aws-native:s3:MultiRegionAccessPoint", spec.name, { name: spec.name, regions: [{ bucket }], ...block })];
    }
}
