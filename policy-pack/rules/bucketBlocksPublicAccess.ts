import { describe } from "../lib/buckets";
import { bucketStackPolicy } from "../lib/rule";

const SETTINGS = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"] as const;

export const bucketBlocksPublicAccess = bucketStackPolicy({
    name: "s3-bucket-blocks-public-access",
    description: "Every S3 bucket has a BucketPublicAccessBlock with all four settings on.",
    enforcementLevel: "mandatory",
    check: (view) => {
        const blocks = view.settings.publicAccessBlock;
        if (blocks.length === 0) {
            return [`${describe(view)} has no aws.s3.BucketPublicAccessBlock: add one for this bucket with ${SETTINGS.map((s) => `${s}: true`).join(", ")}.`];
        }
        const off = SETTINGS.filter((setting) => !blocks.some((block) => block.props[setting] === true));
        return off.length > 0 ? [`${describe(view)} leaves public access open: set ${off.map((s) => `${s}: true`).join(", ")} on its BucketPublicAccessBlock.`] : [];
    },
});
