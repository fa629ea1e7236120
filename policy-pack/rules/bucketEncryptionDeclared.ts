import { BucketView, describe, unjoinedNote } from "../lib/buckets";
import { Finding, StackContext, bucketStackPolicy, pending } from "../lib/rule";
import { isUnknown } from "../lib/unknowns";

export const bucketEncryptionDeclared = bucketStackPolicy<{ requireKms?: boolean }>(
    {
        name: "s3-bucket-encryption-declared",
        description: "Every S3 bucket declares its default encryption explicitly (SSE-KMS when requireKms is on), with Bucket Key on whenever SSE-KMS is used.",
        enforcementLevel: "mandatory",
        configSchema: {
            properties: {
                requireKms: {
                    type: "boolean",
                    default: false,
                    description: "Require SSE-KMS (a KMS key) rather than SSE-S3, except on server access log targets, which S3 delivers to with SSE-S3 only.",
                },
            },
        },
        check: (view, config, context): Finding[] => {
            if (view.encryption.length === 0) {
                const note = unjoinedNote(view, "encryption");
                return [note ? pending(note) : `${describe(view)} does not declare default encryption: add aws.s3.BucketServerSideEncryptionConfiguration (sseAlgorithm "aws:kms" with bucketKeyEnabled: true, or "AES256").`];
            }
            const findings: Finding[] = [];
            for (const rule of view.encryption) {
                const algorithm = rule.algorithm;
                if (isUnknown(algorithm)) {
                    findings.push(pending(`${describe(view)} takes its encryption algorithm from a value not known yet.`));
                    continue;
                }
                const usesKms = algorithm === "aws:kms" || algorithm === "aws:kms:dsse";
                if (config.requireKms && !usesKms && !isAccessLogTarget(view, context)) {
                    findings.push(`${describe(view)} is encrypted with ${algorithm ?? "no algorithm"}, but this pack requires SSE-KMS: set sseAlgorithm "aws:kms" and a customer managed key.`);
                }
                if (usesKms && rule.bucketKeyEnabled !== true) {
                    findings.push(
                        isUnknown(rule.bucketKeyEnabled)
                            ? pending(`${describe(view)} sets bucketKeyEnabled from a value not known yet.`)
                            : `${describe(view)} uses SSE-KMS without an S3 Bucket Key, which multiplies KMS requests and cost: set bucketKeyEnabled: true.`,
                    );
                }
            }
            return findings;
        },
    },
    ["SH S3.17", "CKV_AWS_19", "CKV_AWS_145", "s3_bucket_default_encryption", "s3_bucket_kms_encryption"],
);

/** S3 delivers server access logs only to a target encrypted with SSE-S3 (S3 guide, "Enabling server access logging"). */
function isAccessLogTarget(view: BucketView, context: StackContext): boolean {
    return context.buckets.some((source) => source !== view && source.logging.some((logging) => logging.targetUrns.includes(view.bucket.urn) || (view.name !== undefined && logging.targetBucket === view.name)));
}
