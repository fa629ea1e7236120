import { describe } from "../lib/buckets";
import { bucketStackPolicy } from "../lib/rule";

export const bucketVersioningEnabled = bucketStackPolicy({
    name: "s3-bucket-versioning-enabled",
    description: "Every S3 bucket has versioning Enabled (never Suspended), so overwritten or deleted objects can be recovered.",
    enforcementLevel: "mandatory",
    check: (view) => {
        const statuses = view.settings.versioning.map((versioning) => (versioning.props.versioningConfiguration as { status?: string } | undefined)?.status);
        const inline = (view.bucket.props.versioning as { enabled?: boolean } | undefined)?.enabled === true;
        if (statuses.includes("Suspended")) {
            return [`${describe(view)} has versioning Suspended: set versioningConfiguration.status to "Enabled" on its BucketVersioning.`];
        }
        if (statuses.includes("Enabled") || (statuses.length === 0 && inline)) {
            return [];
        }
        return [`${describe(view)} is not versioned: add aws.s3.BucketVersioning with versioningConfiguration.status "Enabled".`];
    },
});
