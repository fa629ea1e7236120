import type { PolicyResource } from "@pulumi/policy";
import { StackContext, deliveryStackPolicy, describe } from "../lib/deliveries";
import { Finding, pending } from "../lib/pending";
import { containsUnknown, isUnknown } from "../lib/unknowns";

// AWS-S3-103: S3 refuses a bucket policy over 20 KB.
export const BUCKET_POLICY_MAX_BYTES = 20480;
// AWS-KMS-100: KMS refuses a key policy over 32 KB (32,768 bytes).
export const KEY_POLICY_MAX_BYTES = 32768;

/** An unknown value, counted as nothing: the size of what is known, a floor of the size once everything is. */
function withoutUnknowns(value: unknown): unknown {
    if (isUnknown(value)) {
        return "";
    }
    if (Array.isArray(value)) {
        return value.map(withoutUnknowns);
    }
    if (value !== null && typeof value === "object") {
        return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, withoutUnknowns(inner)]));
    }
    return value;
}

/** The size of a policy as compact JSON, in UTF-8 bytes: exact, a floor (some parts not known yet), or not known. */
export function compactSize(document: unknown): { bytes: number; exact: boolean } | undefined {
    if (document === undefined || document === null || document === "" || isUnknown(document)) {
        return undefined;
    }
    let parsed: unknown = document;
    if (typeof document === "string") {
        try {
            parsed = JSON.parse(document);
        } catch {
            return undefined;
        }
    }
    return { bytes: Buffer.byteLength(JSON.stringify(withoutUnknowns(parsed)), "utf8"), exact: !containsUnknown(parsed) };
}

function sizeFindings(what: string, from: PolicyResource, document: unknown, limit: number, fix: string): Finding[] {
    const size = compactSize(document);
    if (size === undefined) {
        return isUnknown(document) ? [pending(`${what} takes its policy from ${from.name}, not known yet: whether it fits AWS's limit of ${limit.toLocaleString("en-US")} bytes is checked once it is.`)] : [];
    }
    if (size.bytes > limit) {
        return [`${what}: the policy of ${from.name} is ${size.exact ? "" : "at least "}${size.bytes.toLocaleString("en-US")} bytes as compact JSON, over AWS's limit of ${limit.toLocaleString("en-US")}, so AWS refuses it at deploy time: ${fix}`];
    }
    return size.exact ? [] : [pending(`${what}: the policy of ${from.name} is at least ${size.bytes.toLocaleString("en-US")} bytes as compact JSON, with parts not known yet (the limit is ${limit.toLocaleString("en-US")}).`)];
}

export const bucketPolicyWithinSizeLimit = deliveryStackPolicy(
    {
        name: "s3-policy-within-size-limit",
        description: "Every bucket policy of the stack fits S3's limit of 20 KB (20,480 bytes of compact JSON), which PutBucketPolicy enforces at deploy time.",
        enforcementLevel: "mandatory",
        check: (context: StackContext) =>
            context.buckets.flatMap((view) =>
                view.policies.map((policy) => ({
                    urn: policy.from.urn,
                    findings: sizeFindings(describe(view), policy.from, policy.document, BUCKET_POLICY_MAX_BYTES, "merge statements, use aws:SourceOrgID or aws:SourceOrgPaths conditions instead of per-account lists, or move grants to the principals' IAM policies."),
                })),
            ),
    },
    [],
);

export const keyPolicyWithinSizeLimit = deliveryStackPolicy(
    {
        name: "kms-key-policy-within-size-limit",
        description: "Every KMS key policy of the stack fits KMS's limit of 32 KB (32,768 bytes of compact JSON), which CreateKey and PutKeyPolicy enforce at deploy time.",
        enforcementLevel: "mandatory",
        check: (context: StackContext) =>
            context.keys.flatMap((key) =>
                key.policies.map((policy) => ({
                    urn: policy.from.urn,
                    findings: sizeFindings(`KMS key ${key.key.name}`, policy.from, policy.document, KEY_POLICY_MAX_BYTES, "merge statements, scope by organization instead of listing accounts, or use grants."),
                })),
            ),
    },
    [],
);
