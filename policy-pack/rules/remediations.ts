import { at, entries } from "../lib/read";
import { AUDIT_BUCKET_PREFIX_SCHEMA, DEFAULT_AUDIT_BUCKET_PREFIX, remediationPolicy } from "../lib/rule";
import { TYPES } from "../lib/types";
import { containsUnknown, isUnknown } from "../lib/unknowns";
import { PUBLIC_ACCESS_SETTINGS } from "./bucketBlocksPublicAccess";

/**
 * Fixes the pack can apply at the `remediate` level, each on the resource that carries the wrong value, for settings
 * with exactly one safe value. A value not known yet is left alone (the stack check says the verdict is pending).
 */

const NATIVE_BUCKET = "aws-native:s3:Bucket";
const AWS_BUCKETS = ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"];

export const remediatePublicAccessBlock = remediationPolicy(
    {
        name: "s3-remediate-public-access-block",
        description: "Turns on all four Block Public Access settings of a bucket's public access block.",
        types: [...TYPES.publicAccessBlock, NATIVE_BUCKET],
        problem: "turn on blockPublicAcls, blockPublicPolicy, ignorePublicAcls and restrictPublicBuckets.",
        fix: (props, type) => {
            const current = (type === NATIVE_BUCKET ? props.publicAccessBlockConfiguration : props) ?? {};
            if (isUnknown(current) || PUBLIC_ACCESS_SETTINGS.every((setting) => at(current, setting) === true) || PUBLIC_ACCESS_SETTINGS.some((setting) => isUnknown(at(current, setting)))) {
                return undefined;
            }
            const on = Object.fromEntries(PUBLIC_ACCESS_SETTINGS.map((setting) => [setting, true]));
            return type === NATIVE_BUCKET ? { ...props, publicAccessBlockConfiguration: { ...(current as object), ...on } } : { ...props, ...on };
        },
    },
    ["SH S3.8"],
);

export const remediateOwnerEnforced = remediationPolicy(
    {
        name: "s3-remediate-owner-enforced",
        description: "Sets a bucket's Object Ownership to BucketOwnerEnforced, which disables ACLs.",
        types: [...TYPES.ownershipControls, NATIVE_BUCKET],
        problem: 'set Object Ownership to "BucketOwnerEnforced".',
        fix: (props, type) => {
            if (type === NATIVE_BUCKET) {
                const rules = entries(at(props.ownershipControls, "rules"));
                if (rules.some(isUnknown) || (rules.length > 0 && rules.every((rule) => at(rule, "objectOwnership") === "BucketOwnerEnforced"))) {
                    return undefined;
                }
                return rules.some((rule) => isUnknown(at(rule, "objectOwnership"))) ? undefined : { ...props, ownershipControls: { rules: [{ objectOwnership: "BucketOwnerEnforced" }] } };
            }
            const ownership = at(props.rule, "objectOwnership");
            return ownership === "BucketOwnerEnforced" || isUnknown(ownership) ? undefined : { ...props, rule: { objectOwnership: "BucketOwnerEnforced" } };
        },
    },
    ["SH S3.12"],
);

export const remediateVersioning = remediationPolicy(
    {
        name: "s3-remediate-versioning",
        description: "Sets a bucket's versioning to Enabled, so overwritten or deleted objects can be recovered.",
        types: [...TYPES.versioning, ...AWS_BUCKETS, NATIVE_BUCKET],
        problem: 'set versioning to "Enabled".',
        fix: (props, type) => {
            if (type === NATIVE_BUCKET) {
                const status = at(props.versioningConfiguration, "status");
                return status === "Enabled" || isUnknown(status) ? undefined : { ...props, versioningConfiguration: { status: "Enabled" } };
            }
            if (type === "aws:s3/bucket:Bucket") {
                const enabled = at(props.versioning, "enabled");
                return props.versioning === undefined || enabled === true || isUnknown(enabled) ? undefined : { ...props, versioning: { ...(props.versioning as object), enabled: true } };
            }
            if (type === "aws:s3/bucketV2:BucketV2") {
                const versionings = entries(props.versionings);
                if (versionings.length === 0 || containsUnknown(versionings) || versionings.every((versioning) => at(versioning, "enabled") === true)) {
                    return undefined;
                }
                return { ...props, versionings: versionings.map((versioning) => ({ ...(versioning as object), enabled: true })) };
            }
            const status = at(props.versioningConfiguration, "status");
            return status === "Enabled" || isUnknown(status) ? undefined : { ...props, versioningConfiguration: { ...(props.versioningConfiguration as object), status: "Enabled" } };
        },
    },
    ["SH S3.14"],
);

const usesKms = (algorithm: unknown): boolean => algorithm === "aws:kms" || algorithm === "aws:kms:dsse";

export const remediateBucketKey = remediationPolicy(
    {
        name: "s3-remediate-bucket-key",
        description: "Turns on the S3 Bucket Key wherever a bucket's default encryption uses SSE-KMS.",
        types: [...TYPES.encryption, "aws:s3/bucket:Bucket", NATIVE_BUCKET],
        problem: "set bucketKeyEnabled: true on each SSE-KMS rule.",
        fix: (props, type) => {
            const needsKey = (rule: unknown, algorithm: unknown): boolean => usesKms(algorithm) && at(rule, "bucketKeyEnabled") !== true && !isUnknown(at(rule, "bucketKeyEnabled"));
            if (type === NATIVE_BUCKET) {
                const rules = entries(at(props.bucketEncryption, "serverSideEncryptionConfiguration"));
                if (!rules.some((rule) => needsKey(rule, at(rule, "serverSideEncryptionByDefault", "sseAlgorithm")))) {
                    return undefined;
                }
                const fixed = rules.map((rule) => (needsKey(rule, at(rule, "serverSideEncryptionByDefault", "sseAlgorithm")) ? { ...(rule as object), bucketKeyEnabled: true } : rule));
                return { ...props, bucketEncryption: { ...(props.bucketEncryption as object), serverSideEncryptionConfiguration: fixed } };
            }
            if (type === "aws:s3/bucket:Bucket") {
                const rule = at(props.serverSideEncryptionConfiguration, "rule");
                if (!needsKey(rule, at(rule, "applyServerSideEncryptionByDefault", "sseAlgorithm"))) {
                    return undefined;
                }
                return { ...props, serverSideEncryptionConfiguration: { ...(props.serverSideEncryptionConfiguration as object), rule: { ...(rule as object), bucketKeyEnabled: true } } };
            }
            const rules = entries(props.rules);
            if (!rules.some((rule) => needsKey(rule, at(rule, "applyServerSideEncryptionByDefault", "sseAlgorithm")))) {
                return undefined;
            }
            return { ...props, rules: rules.map((rule) => (needsKey(rule, at(rule, "applyServerSideEncryptionByDefault", "sseAlgorithm")) ? { ...(rule as object), bucketKeyEnabled: true } : rule)) };
        },
    },
    ["SH S3.17"],
);

export const remediateNoForceDestroy = remediationPolicy(
    {
        name: "s3-remediate-no-force-destroy",
        description: "Sets forceDestroy: false on audit-log buckets, so a destroy or a replacement cannot delete their logs.",
        configSchema: { properties: { ...AUDIT_BUCKET_PREFIX_SCHEMA } },
        types: AWS_BUCKETS,
        problem: "set forceDestroy: false on this audit-log bucket.",
        fix: (props, _type, config) => {
            const prefix = typeof config.bucketNamePrefix === "string" ? config.bucketNamePrefix : DEFAULT_AUDIT_BUCKET_PREFIX;
            const audit = (typeof props.bucket === "string" && props.bucket.startsWith(prefix)) || at(props.tags, "purpose") === "audit-logs";
            return audit && props.forceDestroy === true ? { ...props, forceDestroy: false } : undefined;
        },
    },
    [],
);

export const remediateKeyRotation = remediationPolicy(
    {
        name: "kms-remediate-key-rotation",
        description: "Turns on automatic rotation of customer managed symmetric encryption keys.",
        types: TYPES.kmsKey,
        problem: "set enableKeyRotation: true.",
        fix: (props) => {
            const spec = props.keySpec ?? props.customerMasterKeySpec ?? "SYMMETRIC_DEFAULT";
            const usage = props.keyUsage ?? "ENCRYPT_DECRYPT";
            if (spec !== "SYMMETRIC_DEFAULT" || usage !== "ENCRYPT_DECRYPT" || props.enableKeyRotation === true || isUnknown(props.enableKeyRotation)) {
                return undefined;
            }
            return { ...props, enableKeyRotation: true };
        },
    },
    ["SH KMS.4"],
);
