import { describe, unjoinedNote } from "../lib/buckets";
import { Finding, bucketStackPolicy, pending } from "../lib/rule";
import { isUnknown } from "../lib/unknowns";

export const bucketVersioningEnabled = bucketStackPolicy(
    {
        name: "s3-bucket-versioning-enabled",
        description: "Every S3 bucket has versioning Enabled (never Suspended), so overwritten or deleted objects can be recovered.",
        enforcementLevel: "mandatory",
        check: (view): Finding[] => {
            const statuses = view.versioning.map((versioning) => versioning.status);
            if (statuses.includes("Suspended")) {
                return [`${describe(view)} has versioning Suspended: set versioningConfiguration.status to "Enabled" on its BucketVersioning.`];
            }
            if (statuses.includes("Enabled")) {
                return [];
            }
            if (statuses.some(isUnknown)) {
                return [pending(`${describe(view)} sets its versioning status from a value not known yet.`)];
            }
            const note = unjoinedNote(view, "versioning");
            return [note ? pending(note) : `${describe(view)} is not versioned: add aws.s3.BucketVersioning with versioningConfiguration.status "Enabled".`];
        },
    },
    ["SH S3.14", "CKV_AWS_21", "s3_bucket_object_versioning"],
);
