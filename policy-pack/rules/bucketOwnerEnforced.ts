import { describe } from "../lib/buckets";
import { bucketStackPolicy } from "../lib/rule";

export const bucketOwnerEnforced = bucketStackPolicy({
    name: "s3-bucket-owner-enforced",
    description: "Every S3 bucket disables ACLs: Object Ownership is BucketOwnerEnforced.",
    enforcementLevel: "mandatory",
    check: (view) => {
        const ownership = view.settings.ownershipControls.map((control) => (control.props.rule as { objectOwnership?: string } | undefined)?.objectOwnership);
        if (ownership.includes("BucketOwnerEnforced")) {
            return [];
        }
        const found = ownership.length > 0 ? `Object Ownership is ${ownership.join(", ")}` : "it has no aws.s3.BucketOwnershipControls";
        return [`${describe(view)} still honours ACLs (${found}): add BucketOwnershipControls with rule.objectOwnership "BucketOwnerEnforced".`];
    },
});
