import type { AnalyzerResource } from "../../tools/policy/analyzer";
import { resource } from "../support/fixtures";
import { ACCOUNT, AUDIT, BucketSpec, KEY_ARN, KeySpec, Style, cloudTrailWrite, compliantKey, compliantSpec, render, renderKey, tlsDeny } from "./styles";

/**
 * An audit-log bucket replicating into a vault, written as a program declares them with @pulumi/aws v7 (and the
 * other declaration styles): providers per region and account, the replication rules, the role and its policies,
 * the vault's policy and key. Each test changes one thing.
 */
export const SOURCE_ACCOUNT = ACCOUNT;
export const VAULT_ACCOUNT = "210987654321";
export const VAULT = `audit-vault-${VAULT_ACCOUNT}-us-west-2`;
export const VAULT_ARN = `arn:aws:s3:::${VAULT}`;
export const ROLE_ARN = `arn:aws:iam::${SOURCE_ACCOUNT}:role/audit-replication`;
export const VAULT_KEY_ARN = `arn:aws:kms:us-west-2:${VAULT_ACCOUNT}:key/0000aaaa-12ab-34cd-56ef-1234567890ab`;
export const VAULT_ADMIN = `arn:aws:iam::${VAULT_ACCOUNT}:role/vault-admin`;

export interface ProviderSpec {
    name: string;
    region?: unknown;
    account?: string;
    /** A role the provider assumes (its account is the one resources are created in). */
    assumeRoleArn?: string;
}

export function provider(spec: ProviderSpec): AnalyzerResource {
    const properties: Record<string, unknown> = {};
    if (spec.region !== undefined) {
        properties.region = spec.region;
    }
    if (spec.account) {
        // Provider inputs carry list-valued config as a JSON string, as the engine sends them.
        properties.allowedAccountIds = JSON.stringify([spec.account]);
    }
    if (spec.assumeRoleArn) {
        properties.assumeRoles = JSON.stringify([{ roleArn: spec.assumeRoleArn }]);
    }
    return { urn: `urn:pulumi:test::fixtures::pulumi:providers:aws::${spec.name}`, type: "pulumi:providers:aws", name: spec.name, properties, dependencies: [] };
}

export function using(resources: AnalyzerResource[], by: AnalyzerResource): AnalyzerResource[] {
    return resources.map((r) => ({ ...r, provider: `${by.urn}::${by.name}-id` }));
}

export const SOURCE_PROVIDER = provider({ name: "source", region: "us-east-1", account: SOURCE_ACCOUNT });
export const VAULT_PROVIDER = provider({ name: "vault", region: "us-west-2", account: VAULT_ACCOUNT });

export interface RuleSpec {
    id?: string;
    enabled?: unknown;
    /** The destination bucket's ARN. */
    destination?: unknown;
    account?: unknown;
    replicaKmsKeyId?: unknown;
    sseKms?: boolean;
    deleteMarkers?: boolean;
    prefix?: string;
}

export interface ReplicationSpec {
    role?: unknown;
    rules?: RuleSpec[];
    /** Resources the rules depend on (the engine's property dependencies: the vault, its key). */
    dependsOn?: string[];
}

/** The rule the vault component declares: every object, SSE-KMS ones re-encrypted with the vault's key. */
export const DEFAULT_RULE: RuleSpec = { id: "vault", sseKms: true, replicaKmsKeyId: VAULT_KEY_ARN };

const enabled = (value: unknown): unknown => (value === undefined || value === true ? "Enabled" : value === false ? "Disabled" : value);

/** The replication configuration, in the shape of each declaration style. */
function replicationFor(spec: ReplicationSpec, style: Style): Record<string, unknown> {
    const rules = (spec.rules ?? [DEFAULT_RULE]).map((rule, index) => {
        const id = rule.id ?? `rule-${index}`;
        const destinationArn = rule.destination ?? VAULT_ARN;
        if (style === "inline on aws.s3.Bucket" || style === "inline on aws.s3.BucketV2") {
            const v2 = style === "inline on aws.s3.BucketV2";
            const destination = { bucket: destinationArn, ...(rule.account ? { accountId: rule.account } : {}), ...(rule.replicaKmsKeyId ? { replicaKmsKeyId: rule.replicaKmsKeyId } : {}) };
            const sse = rule.sseKms ? (v2 ? { sourceSelectionCriterias: [{ sseKmsEncryptedObjects: [{ enabled: true }] }] } : { sourceSelectionCriteria: { sseKmsEncryptedObjects: { enabled: true } } }) : {};
            return {
                id,
                status: enabled(rule.enabled),
                deleteMarkerReplicationStatus: rule.deleteMarkers ? "Enabled" : "Disabled",
                ...(v2 ? { destinations: [destination], filters: [{ prefix: rule.prefix ?? "" }] } : { destination, filter: { prefix: rule.prefix ?? "" } }),
                ...sse,
            };
        }
        return {
            id,
            status: enabled(rule.enabled),
            deleteMarkerReplication: { status: rule.deleteMarkers ? "Enabled" : "Disabled" },
            filter: { prefix: rule.prefix ?? "" },
            destination: { bucket: destinationArn, ...(rule.account ? { account: rule.account } : {}), ...(rule.replicaKmsKeyId ? { encryptionConfiguration: { replicaKmsKeyId: rule.replicaKmsKeyId } } : {}) },
            ...(rule.sseKms ? { sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: "Enabled" } } } : {}),
        };
    });
    return { role: spec.role ?? ROLE_ARN, rules };
}

/** A bucket written in `style`, with its replication written the same way. */
export function replicatingBucket(spec: BucketSpec, replication: ReplicationSpec | undefined, style: Style): AnalyzerResource[] {
    const [bucket, ...siblings] = render({ ...spec, replication: false }, style);
    if (!replication) {
        return [bucket, ...siblings];
    }
    const configuration = replicationFor(replication, style);
    const dependencies = replication.dependsOn ?? [];
    switch (style) {
        case "v7 split resources":
        case "deprecated V2 resources":
            return [
                bucket,
                ...siblings,
                resource("aws:s3/bucketReplicationConfig:BucketReplicationConfig", `${spec.name}-replication`, { bucket: spec.name, ...configuration }, { propertyDependencies: { bucket: [bucket.urn], rules: dependencies }, dependencies: [bucket.urn] }),
            ];
        case "inline on aws.s3.BucketV2":
            return [{ ...bucket, properties: { ...bucket.properties, replicationConfigurations: [configuration] }, propertyDependencies: { ...bucket.propertyDependencies, replicationConfigurations: dependencies } }, ...siblings];
        default:
            return [{ ...bucket, properties: { ...bucket.properties, replicationConfiguration: configuration }, propertyDependencies: { ...bucket.propertyDependencies, replicationConfiguration: dependencies } }, ...siblings];
    }
}

export function configWrite(bucket: string): Record<string, unknown> {
    return {
        Sid: "AWSConfigWrite",
        Effect: "Allow",
        Principal: { Service: "config.amazonaws.com" },
        Action: "s3:PutObject",
        Resource: `arn:aws:s3:::${bucket}/config-logs/AWSLogs/${SOURCE_ACCOUNT}/Config/*`,
        Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceAccount": SOURCE_ACCOUNT } },
    };
}

/** The vault's policy grant to the replication role, as the cross-account pages show it. */
export function replicateGrant(principal: unknown = ROLE_ARN, actions: string[] = ["s3:ReplicateObject", "s3:ReplicateTags"]): Record<string, unknown> {
    return { Sid: "Replicate", Effect: "Allow", Principal: { AWS: principal }, Action: actions, Resource: `${VAULT_ARN}/*` };
}

/** The vault's deny of destructive changes to all but its administrators (the replication role included). */
export function protectVault(actions: string[] = ["s3:DeleteObjectVersion", "s3:PutBucketPolicy", "s3:PutLifecycleConfiguration", "s3:PutBucketObjectLockConfiguration", "s3:PutReplicationConfiguration", "s3:ReplicateDelete"]): Record<string, unknown> {
    return { Sid: "ProtectVault", Effect: "Deny", Principal: "*", Action: actions, Resource: [VAULT_ARN, `${VAULT_ARN}/*`], Condition: { ArnNotLike: { "aws:PrincipalArn": VAULT_ADMIN } } };
}

/** A vault every rule of the pack passes: locked, versioned, SSE-KMS with its own key, admitting the replication role. */
export function vaultSpec(change: Partial<BucketSpec> = {}): BucketSpec {
    return compliantSpec(VAULT, {
        objectLock: { mode: "COMPLIANCE", days: 365 },
        encryption: { algorithm: "aws:kms", kmsKeyId: VAULT_KEY_ARN, bucketKey: true, blocked: ["SSE-C"] },
        statements: [tlsDeny(VAULT), replicateGrant(), protectVault()],
        replication: false,
        ...change,
    });
}

/** The audit-log bucket that receives Config and CloudTrail, unlocked, replicating into the vault. */
export function sourceSpec(change: Partial<BucketSpec> = {}): BucketSpec {
    return compliantSpec(AUDIT, { objectLock: undefined, statements: [tlsDeny(AUDIT), cloudTrailWrite(AUDIT), configWrite(AUDIT)], encryption: { algorithm: "aws:kms", kmsKeyId: KEY_ARN, bucketKey: true, blocked: ["SSE-C"] }, ...change });
}

/** The vault key's grant to the replication role, through S3 in the vault's region. */
export function keyGrant(actions: string[] = ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey"], condition: Record<string, unknown> = { StringEquals: { "kms:ViaService": "s3.us-west-2.amazonaws.com" } }): Record<string, unknown> {
    return { Sid: "Replication", Effect: "Allow", Principal: { AWS: ROLE_ARN }, Action: actions, Resource: "*", Condition: condition };
}

/** The vault's key: its account's administration and the replication role's use, known ARN (as in a state export). */
export function vaultKey(change: Partial<KeySpec> = {}, style: "aws.kms.Key" | "aws.kms.Key with aws.kms.KeyPolicy" = "aws.kms.Key"): AnalyzerResource[] {
    const spec = compliantKey("vault-key", { statements: [{ Sid: "AccountAdmin", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${VAULT_ACCOUNT}:root` }, Action: "kms:*", Resource: "*" }, keyGrant()], ...change });
    return renderKey(spec, style).map((r) => (r.type === "aws:kms/key:Key" ? { ...r, properties: { ...r.properties, arn: VAULT_KEY_ARN } } : r));
}

export interface VaultStack {
    source?: Partial<BucketSpec>;
    replication?: ReplicationSpec;
    vault?: Partial<BucketSpec> | null;
    /** The vault's key resources; null leaves the key out of the stack. */
    key?: AnalyzerResource[] | null;
    sourceProvider?: AnalyzerResource;
    vaultProvider?: AnalyzerResource;
    extra?: AnalyzerResource[];
}

/** A whole stack: two providers, the source, its replication, the vault, and whatever else the test adds. */
export function vaultStack(stack: VaultStack, style: Style = "v7 split resources"): AnalyzerResource[] {
    const sourceProvider = stack.sourceProvider ?? SOURCE_PROVIDER;
    const vaultProvider = stack.vaultProvider ?? VAULT_PROVIDER;
    const source = using(replicatingBucket(sourceSpec(stack.source), stack.replication ?? {}, style), sourceProvider);
    const vault = stack.vault === null ? [] : using(render(vaultSpec(stack.vault ?? {}), style), vaultProvider);
    const key = stack.key === null ? [] : using(stack.key ?? vaultKey(), vaultProvider);
    const providers = sourceProvider === vaultProvider ? [sourceProvider] : [sourceProvider, vaultProvider];
    return [...providers, ...source, ...vault, ...key, ...(stack.extra ?? [])];
}
