/**
 * The size of the bucket and key policies an argument set gives, against the limits S3 and KMS enforce at deploy
 * time, computed before anything is registered. Pure: plain args in, byte counts and problems out.
 */
import type { AuditLogBucketArgs } from "./args";
import { BucketPolicyInputs, buildBucketPolicy } from "./bucketPolicy";
import { AWS_REGIONS, DEFAULT_NAME_PREFIX, partitionOf } from "./constants";
import { KeyPolicyInputs, buildKeyPolicy } from "./keyPolicy";
import { bucketName } from "./naming";
import type { PolicyDocument } from "./policyDocument";
import { resolvePrefixes } from "./prefixes";

/** AWS-S3-001: S3 refuses a bucket policy over 20 KB. */
export const BUCKET_POLICY_LIMIT_BYTES = 20 * 1024;
/** AWS-KMS-002: KMS refuses a key policy over 32 KiB. */
export const KEY_POLICY_LIMIT_BYTES = 32 * 1024;

/** AWS-IAM-004: a role or user path is at most 512 characters, its name at most 64. */
const IAM_PATH_MAX = 512;
const IAM_NAME_MAX = 64;
/** A trail name is at most 128 characters (the trail ARN rule of arns.ts). */
const TRAIL_NAME_MAX = 128;

/** The fields whose values make the policies grow, in the order the message names them when they weigh the same. */
export const GROWING_FIELDS = ["readerArns", "sessionManagerWriterArns", "securityHubWriterArns", "sourceAccountIds", "cloudTrailArns", "sourceOrgPaths"] as const;
export type GrowingField = (typeof GROWING_FIELDS)[number];

/** The bytes a document takes as compact JSON, the form the component submits. */
export function compactJsonBytes(document: PolicyDocument): number {
    return Buffer.byteLength(JSON.stringify(document), "utf8");
}

/**
 * The longest IAM role or user ARN of a partition: `arn:<partition>:iam::<account>:role` with a 512-character path
 * and a 64-character name. A principal ARN that is still an Output is counted at this length.
 */
export function longestPrincipalArn(partition: string): string {
    return `arn:${partition}:iam::000000000000:role/${"p".repeat(IAM_PATH_MAX - 2)}/${"n".repeat(IAM_NAME_MAX)}`;
}

/** The longest trail ARN of a partition, in its longest region name, for a trail ARN that is still an Output. */
export function longestTrailArn(partition: string, account: string): string {
    const region = AWS_REGIONS.filter((name) => partitionOf(name) === partition).reduce((longest, name) => (name.length > longest.length ? name : longest), "");
    return `arn:${partition}:cloudtrail:${region}:${account}:trail/${"t".repeat(TRAIL_NAME_MAX)}`;
}

/** One policy that does not fit: which, how big, its limit, and what each growing field adds to it. */
export interface OversizedPolicy {
    policy: "bucket" | "key";
    bytes: number;
    limit: number;
    /** The bytes each field adds (the policy with that field as given, less the policy without it), largest first. */
    growth: { field: GrowingField; entries: number; bytes: number }[];
    /** How many values were not known yet and were counted at their longest. */
    unknownValues: number;
}

/** A size problem, in the shape of validation's ArgProblem: the field that makes the policy grow most, and why. */
export interface PolicySizeProblem {
    field: string;
    value: unknown;
    rule: string;
}

/** The values the size depends on, each unknown value (an Output) replaced by the longest value it can have. */
interface SizedArgs {
    bucket: BucketPolicyInputs;
    key?: KeyPolicyInputs;
    unknownValues: number;
}

function sizedArgs(args: AuditLogBucketArgs): SizedArgs {
    const partition = partitionOf(args.region);
    let unknownValues = 0;
    const known = (values: readonly unknown[] | undefined, longest: string): string[] =>
        (values ?? []).map((value) => {
            if (typeof value === "string") {
                return value;
            }
            unknownValues += 1;
            return longest;
        });
    const principal = longestPrincipalArn(partition);
    const trailOwner = args.managementAccountId ?? args.accountId;
    const readerArns = known(args.readerArns, principal);
    const sessionManagerWriterArns = known(args.sessionManagerWriterArns, principal);
    const securityHubWriterArns = known(args.securityHubWriterArns, principal);
    const cloudTrailArns = known(args.cloudTrailArns, longestTrailArn(partition, trailOwner));
    // configDelivery is read loosely: an arg of the vault's, absent from older args; only false drops Config.
    const configDelivery = (args as { configDelivery?: unknown }).configDelivery === false ? false : undefined;
    const scope = {
        partition,
        accountId: args.accountId,
        cloudTrailArns,
        organizationId: args.organizationId,
        managementAccountId: args.managementAccountId,
        sourceAccountIds: args.sourceAccountIds,
        sourceOrgPaths: args.sourceOrgPaths,
        readerArns,
        configDelivery,
    };
    const bucket: BucketPolicyInputs = {
        ...scope,
        bucketName: bucketName(args.namePrefix ?? DEFAULT_NAME_PREFIX, args.accountId, args.region, args.bucketNamespace === "account-regional" ? "account-regional" : "global"),
        prefixes: resolvePrefixes(args.prefixes),
        sessionManagerWriterArns,
        securityHubWriterArns,
        allowDeletion: args.allowDeletion,
    };
    const createsKey = args.encryption === "SSE_KMS" && args.kmsKeyArn === undefined;
    const key: KeyPolicyInputs | undefined = createsKey
        ? { ...scope, region: args.region, writerArns: [...sessionManagerWriterArns, ...securityHubWriterArns], readersEncryptQueryResults: args.athena !== undefined }
        : undefined;
    return { bucket, key, unknownValues };
}

/** The compact JSON sizes of the bucket policy and, when the component creates the key, the key policy. */
export function policySizes(args: AuditLogBucketArgs): { bucketPolicy: number; keyPolicy?: number } {
    const { bucket, key } = sizedArgs(args);
    return { bucketPolicy: compactJsonBytes(buildBucketPolicy(bucket)), keyPolicy: key ? compactJsonBytes(buildKeyPolicy(key)) : undefined };
}

/** Every policy of `args` over its limit, with what makes it grow. Args must be valid otherwise. */
export function oversizedPolicies(args: AuditLogBucketArgs): OversizedPolicy[] {
    const sizes = policySizes(args);
    const { unknownValues } = sizedArgs(args);
    const oversized: OversizedPolicy[] = [];
    const measure = (policy: "bucket" | "key", bytes: number | undefined, limit: number): void => {
        if (bytes === undefined || bytes <= limit) {
            return;
        }
        const growth = GROWING_FIELDS.flatMap((field) => {
            const given = args[field];
            if (!Array.isArray(given) || given.length === 0) {
                return [];
            }
            const without = policySizes(withoutField(args, field));
            const added = bytes - ((policy === "bucket" ? without.bucketPolicy : without.keyPolicy) ?? 0);
            return added > 0 ? [{ field, entries: given.length, bytes: added }] : [];
        }).sort((a, b) => b.bytes - a.bytes);
        oversized.push({ policy, bytes, limit, growth, unknownValues });
    };
    measure("bucket", sizes.bucketPolicy, BUCKET_POLICY_LIMIT_BYTES);
    measure("key", sizes.keyPolicy, KEY_POLICY_LIMIT_BYTES);
    return oversized;
}

function withoutField(args: AuditLogBucketArgs, field: GrowingField): AuditLogBucketArgs {
    // Without a list of accounts the organization is admitted whole; without named trails, by pattern.
    return { ...args, [field]: field === "sourceAccountIds" || field === "sourceOrgPaths" ? undefined : [] };
}

const WAY_OUT: Record<GrowingField, string> = {
    readerArns: "let readers assume one shared reader role (or a few) instead of naming each role",
    sessionManagerWriterArns: "let instances use one Session Manager logging role per account instead of one per workload",
    securityHubWriterArns: "deliver Security Hub findings through one Firehose role per account",
    sourceAccountIds: "drop sourceAccountIds to admit the whole organization by aws:SourceOrgID (the same size for any number of accounts), or scope by organizational units with sourceOrgPaths",
    cloudTrailArns: "name fewer trails, or leave cloudTrailArns out to admit the accounts' trails by pattern",
    sourceOrgPaths: "name a parent organizational unit with a wildcard (o-.../r-.../ou-.../*) instead of each child",
};

/**
 * The problems to report for `args` whose policies cannot fit: one per oversized policy, naming the field that adds
 * the most, the size, the limit, every growing field with its share, and the way out. The same message whether some
 * values were still unknown (counted at their longest) or all were resolved.
 */
export function policySizeProblems(args: AuditLogBucketArgs): PolicySizeProblem[] {
    return oversizedPolicies(args).map((oversized) => {
        const service = oversized.policy === "bucket" ? "S3" : "KMS";
        const call = oversized.policy === "bucket" ? "PutBucketPolicy" : "CreateKey";
        const grows = oversized.growth.map((entry) => `${entry.field} (${entry.entries.toLocaleString("en-US")} ${entry.entries === 1 ? "entry" : "entries"}: ${entry.bytes.toLocaleString("en-US")} bytes)`).join(", ");
        const count = oversized.unknownValues;
        const unknown =
            count > 0
                ? ` (counting ${count === 1 ? "an ARN that is" : `${count} ARNs that are`} not known yet at the longest an IAM ARN can be, ${longestPrincipalArn(partitionOf(args.region)).length} characters; the exact size is checked again once ${count === 1 ? "it resolves" : "they resolve"})`
                : "";
        const top = oversized.growth[0];
        const ways = oversized.growth.map((entry) => WAY_OUT[entry.field]).join("; or ");
        return {
            field: top?.field ?? "readerArns",
            value: top?.entries ?? 0,
            rule:
                `makes the ${oversized.policy} policy ${oversized.bytes.toLocaleString("en-US")} bytes of compact JSON${unknown}, over ${service}'s limit of ` +
                `${oversized.limit.toLocaleString("en-US")} (${call} would fail at pulumi up); it grows with ${grows || "no listed field"}: ${ways || "name fewer principals"}`,
        };
    });
}
