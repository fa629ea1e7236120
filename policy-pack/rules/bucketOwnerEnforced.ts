import { describe, unjoinedNote } from "../lib/buckets";
import { Finding, bucketStackPolicy, pending } from "../lib/rule";
import { isUnknown } from "../lib/unknowns";

export const bucketOwnerEnforced = bucketStackPolicy(
    {
        name: "s3-bucket-owner-enforced",
        description: "Every S3 bucket disables ACLs: Object Ownership is BucketOwnerEnforced.",
        enforcementLevel: "mandatory",
        check: (view): Finding[] => {
            const ownership = view.ownership.map((control) => control.objectOwnership);
            if (ownership.includes("BucketOwnerEnforced")) {
                return [];
            }
            if (ownership.some(isUnknown)) {
                return [pending(`${describe(view)} sets its Object Ownership from a value not known yet.`)];
            }
            const note = ownership.length === 0 ? unjoinedNote(view, "ownershipControls") : undefined;
            if (note) {
                return [pending(note)];
            }
            const found = ownership.length > 0 ? `Object Ownership is ${ownership.join(", ")}` : "it has no aws.s3.BucketOwnershipControls";
            return [`${describe(view)} still honours ACLs (${found}): add BucketOwnershipControls with rule.objectOwnership "BucketOwnerEnforced".`];
        },
    },
    ["SH S3.12", "CKV2_AWS_65", "s3_bucket_acl_prohibited"],
);
