import { describe, unjoinedNote } from "../lib/buckets";
import { Finding, bucketStackPolicy, pending } from "../lib/rule";
import { isUnknown } from "../lib/unknowns";

export const PUBLIC_ACCESS_SETTINGS = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"] as const;

export const bucketBlocksPublicAccess = bucketStackPolicy(
    {
        name: "s3-bucket-blocks-public-access",
        description: "Every S3 bucket has a BucketPublicAccessBlock with all four settings on.",
        enforcementLevel: "mandatory",
        check: (view): Finding[] => {
            const blocks = view.publicAccessBlocks;
            if (blocks.length === 0) {
                const note = unjoinedNote(view, "publicAccessBlock");
                return [
                    note
                        ? pending(note)
                        : `${describe(view)} has no aws.s3.BucketPublicAccessBlock: add one for this bucket with ${PUBLIC_ACCESS_SETTINGS.map((s) => `${s}: true`).join(", ")}.`,
                ];
            }
            const notOn = PUBLIC_ACCESS_SETTINGS.filter((setting) => !blocks.some((block) => block[setting] === true));
            const off = notOn.filter((setting) => !blocks.some((block) => isUnknown(block[setting])));
            if (off.length > 0) {
                return [`${describe(view)} leaves public access open: set ${off.map((s) => `${s}: true`).join(", ")} on its BucketPublicAccessBlock.`];
            }
            return notOn.length > 0 ? [pending(`${describe(view)} sets ${notOn.join(", ")} of its public access block from values not known yet.`)] : [];
        },
    },
    ["SH S3.8", "SH S3.2", "SH S3.3", "CKV_AWS_53", "CKV_AWS_54", "CKV_AWS_55", "CKV_AWS_56", "CKV2_AWS_6", "s3_bucket_level_public_access_block", "s3_bucket_public_access", "AwsSolutions-S2"],
);
