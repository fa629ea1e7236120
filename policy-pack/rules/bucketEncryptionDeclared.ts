import { describe } from "../lib/buckets";
import { bucketStackPolicy } from "../lib/rule";

interface EncryptionRule {
    applyServerSideEncryptionByDefault?: { sseAlgorithm?: string; kmsMasterKeyId?: string };
    bucketKeyEnabled?: boolean;
}

export const bucketEncryptionDeclared = bucketStackPolicy<{ requireKms?: boolean }>({
    name: "s3-bucket-encryption-declared",
    description: "Every S3 bucket declares its default encryption explicitly (SSE-KMS when requireKms is on), with Bucket Key on whenever SSE-KMS is used.",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            requireKms: { type: "boolean", default: false, description: "Require SSE-KMS (a KMS key) rather than SSE-S3." },
        },
    },
    check: (view, config) => {
        const rules = view.settings.encryption.flatMap((encryption) => (encryption.props.rules ?? []) as EncryptionRule[]);
        const inline = (view.bucket.props.serverSideEncryptionConfiguration as { rule?: EncryptionRule } | undefined)?.rule;
        const all = rules.length > 0 ? rules : inline ? [inline] : [];
        if (all.length === 0) {
            return [`${describe(view)} does not declare default encryption: add aws.s3.BucketServerSideEncryptionConfiguration (sseAlgorithm "aws:kms" with bucketKeyEnabled: true, or "AES256").`];
        }
        const problems: string[] = [];
        for (const rule of all) {
            const algorithm = rule.applyServerSideEncryptionByDefault?.sseAlgorithm;
            const usesKms = algorithm === "aws:kms" || algorithm === "aws:kms:dsse";
            if (config.requireKms && !usesKms) {
                problems.push(`${describe(view)} is encrypted with ${algorithm ?? "no algorithm"}, but this pack requires SSE-KMS: set sseAlgorithm "aws:kms" and a customer managed key.`);
            }
            if (usesKms && rule.bucketKeyEnabled !== true) {
                problems.push(`${describe(view)} uses SSE-KMS without an S3 Bucket Key, which multiplies KMS requests and cost: set bucketKeyEnabled: true.`);
            }
        }
        return problems;
    },
});
