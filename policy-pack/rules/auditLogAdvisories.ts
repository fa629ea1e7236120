import { BucketView, describe, unjoinedNote } from "../lib/buckets";
import { configDelivery, destinationsOf, isVault, sameRegion } from "../lib/replication";
import { Finding, StackContext, bucketStackPolicy, pending } from "../lib/rule";
import { isUnknown } from "../lib/unknowns";
import { VAULT_WAY_OUT } from "./configDeliveryNoObjectLock";

/** The Object Lock retentions that protect a bucket's logs: its own, else those of the vaults it replicates to. */
function protectingLocks(view: BucketView, context: StackContext): { locks: BucketView["objectLock"]; where: string }[] {
    if (view.objectLock.length > 0) {
        return [{ locks: view.objectLock, where: describe(view) }];
    }
    // AWS-S3-152: a replica keeps its source's retention, else gets the destination's default retention.
    return destinationsOf(view, context)
        .filter(isVault)
        .map((destination) => ({ locks: destination.view?.objectLock ?? [], where: `the vault ${describe(destination.view as BucketView)} of ${describe(view)}` }));
}

interface ObjectLockConfig {
    requireObjectLock?: boolean;
    minObjectLockDays?: number;
    requireComplianceMode?: boolean;
}

export const auditLogObjectLock = bucketStackPolicy<ObjectLockConfig>(
    {
        name: "audit-log-object-lock",
        description: "Audit-log buckets should use Object Lock (WORM), or replicate to a bucket with an Object Lock default retention (a vault), so logs cannot be altered or deleted before their retention ends.",
        enforcementLevel: "advisory",
        auditLogBucketsOnly: true,
        configSchema: {
            properties: {
                requireObjectLock: { type: "boolean", default: true, description: "Report an audit-log bucket without Object Lock." },
                minObjectLockDays: { type: "integer", default: 1, minimum: 1, description: "Shortest default retention, in days (years count as 365 days)." },
                requireComplianceMode: { type: "boolean", default: false, description: "Require COMPLIANCE mode, which not even the root user can shorten, rather than GOVERNANCE." },
            },
        },
        check: (view, config, context): Finding[] => {
            const protecting = protectingLocks(view, context);
            if (protecting.length === 0) {
                if (config.requireObjectLock === false) {
                    return [];
                }
                const note = view.objectLockEnabled === true ? unjoinedNote(view, "objectLock") : undefined;
                if (note) {
                    return [pending(note)];
                }
                // A replica outside what the stack (or the live state read) shows may be a locked vault: not decided here.
                const outside = destinationsOf(view, context).filter((destination) => destination.view === undefined);
                if (outside.length > 0) {
                    return [pending(`${describe(view)} replicates to ${outside.map((destination) => destination.name ?? "a bucket not known yet").join(", ")}, outside what is checked here, so whether that copy is Object-Locked cannot be seen.`)];
                }
                if (configDelivery(view, context).by.length > 0) {
                    // AWS-CFG-150: Object Lock on this bucket would stop Config's deliveries.
                    return [`${describe(view)} has no WORM copy, and receives AWS Config, which does not deliver to a bucket with Object Lock: do not lock it; ${VAULT_WAY_OUT}.`];
                }
                const enabled = view.objectLockEnabled === true ? "has Object Lock enabled but no default retention" : "has no Object Lock";
                return [`${describe(view)} ${enabled}: create the bucket with objectLockEnabled: true and add a BucketObjectLockConfiguration default retention (objectLockDays in the component), or ${VAULT_WAY_OUT}.`];
            }
            const findings: Finding[] = [];
            const minimum = config.minObjectLockDays ?? 1;
            for (const { locks, where } of protecting) {
                for (const lock of locks) {
                    const values = [lock.mode, lock.days, lock.years];
                    if (values.some(isUnknown)) {
                        findings.push(pending(`${where} takes its Object Lock retention from a value not known yet.`));
                        continue;
                    }
                    const days = (typeof lock.days === "number" ? lock.days : 0) + (typeof lock.years === "number" ? lock.years * 365 : 0);
                    if (days < minimum) {
                        findings.push(`${where} keeps objects locked ${days} days by default, shorter than the required ${minimum}: set defaultRetention.days to ${minimum} or more.`);
                    }
                    if (config.requireComplianceMode && lock.mode !== "COMPLIANCE") {
                        findings.push(`${where} uses Object Lock mode ${String(lock.mode ?? "none")}, which a privileged user can bypass: set defaultRetention.mode to "COMPLIANCE".`);
                    }
                }
            }
            return findings;
        },
    },
    ["SH S3.15", "CKV_AWS_143", "s3_bucket_object_lock"],
);

export const auditLogAccessLogging = bucketStackPolicy(
    {
        name: "audit-log-access-logging",
        description: "Audit-log buckets should record server access logs to another bucket, so reads of the logs are themselves logged.",
        enforcementLevel: "advisory",
        auditLogBucketsOnly: true,
        check: (view): Finding[] => {
            if (view.logging.length > 0) {
                return [];
            }
            const note = unjoinedNote(view, "logging");
            return [note ? pending(note) : `${describe(view)} has no server access logging: add aws.s3.BucketLogging to a separate bucket (accessLogBucket in the component).`];
        },
    },
    ["SH S3.9", "CKV_AWS_18", "s3_bucket_server_access_logging_enabled", "AwsSolutions-S1"],
);

export const auditLogNoncurrentExpiration = bucketStackPolicy(
    {
        name: "audit-log-noncurrent-expiration",
        description: "Audit-log buckets should expire noncurrent versions, so overwritten or deleted objects do not accumulate forever.",
        enforcementLevel: "advisory",
        auditLogBucketsOnly: true,
        check: (view): Finding[] => {
            const rules = view.lifecycle.filter((rule) => rule.enabled !== false);
            if (rules.some((rule) => rule.enabled === true && rule.noncurrentDays !== undefined && !isUnknown(rule.noncurrentDays))) {
                return [];
            }
            if (rules.some((rule) => isUnknown(rule.enabled) || isUnknown(rule.noncurrentDays))) {
                return [pending(`${describe(view)} takes a lifecycle rule from a value not known yet.`)];
            }
            return [`${describe(view)} keeps noncurrent versions forever: add a lifecycle rule with noncurrentVersionExpiration.noncurrentDays.`];
        },
    },
    ["SH S3.10", "CKV2_AWS_61"],
);

export const auditLogAbortIncompleteUploads = bucketStackPolicy(
    {
        name: "audit-log-abort-incomplete-uploads",
        description: "Audit-log buckets should abort incomplete multipart uploads, whose parts are billed but never become log objects.",
        enforcementLevel: "advisory",
        auditLogBucketsOnly: true,
        check: (view): Finding[] => {
            const rules = view.lifecycle.filter((rule) => rule.enabled !== false);
            if (rules.some((rule) => rule.enabled === true && typeof rule.abortDays === "number")) {
                return [];
            }
            if (rules.some((rule) => isUnknown(rule.enabled) || isUnknown(rule.abortDays))) {
                return [pending(`${describe(view)} takes a lifecycle rule from a value not known yet.`)];
            }
            return [`${describe(view)} keeps the parts of failed multipart uploads forever: add a lifecycle rule with abortIncompleteMultipartUpload.daysAfterInitiation.`];
        },
    },
    ["CKV_AWS_300"],
);

export const auditLogReplication = bucketStackPolicy(
    {
        name: "audit-log-replication",
        description: "Audit-log buckets should replicate to another region (a bucket of the stack in another region, or a bucket outside the stack, whose region cannot be known), so a regional outage or a compromised account cannot destroy the only copy.",
        enforcementLevel: "advisory",
        auditLogBucketsOnly: true,
        check: (view, _config, context): Finding[] => {
            // A replica (a vault) is itself the second copy.
            if (context.buckets.some((other) => other !== view && destinationsOf(other, context).some((destination) => destination.view === view))) {
                return [];
            }
            if (view.replication.some((replication) => replication.enabled === true)) {
                // A destination outside the stack counts: its region is not in the plan, and it is another copy.
                const regions = destinationsOf(view, context).map((destination) => (destination.view ? sameRegion(view.bucket, destination.view.bucket) : false));
                if (regions.length === 0 || regions.includes(false)) {
                    return [];
                }
                return regions.includes("unknown")
                    ? [pending(`${describe(view)} replicates to a bucket of the stack whose region is not known yet.`)]
                    : [`${describe(view)} replicates only within its own region: replicate to a bucket in another region (vaultRegion in the component), so a regional outage cannot reach every copy.`];
            }
            const note = unjoinedNote(view, "replication");
            return [note ? pending(note) : `${describe(view)} is not replicated: add aws.s3.BucketReplicationConfig with an enabled rule to a bucket in another region.`];
        },
    },
    ["SH S3.7", "CKV_AWS_144", "s3_bucket_cross_region_replication"],
);

export const auditLogEventNotifications = bucketStackPolicy(
    {
        name: "audit-log-event-notifications",
        description: "Audit-log buckets should send event notifications, so a deletion or an unexpected write can raise an alert.",
        enforcementLevel: "advisory",
        auditLogBucketsOnly: true,
        check: (view): Finding[] => {
            if (view.notification.length > 0) {
                return [];
            }
            const note = unjoinedNote(view, "notification");
            return [note ? pending(note) : `${describe(view)} sends no event notifications: add aws.s3.BucketNotification (eventbridge: true, or a topic, queue or function).`];
        },
    },
    ["SH S3.11", "CKV2_AWS_62", "s3_bucket_event_notifications_enabled"],
);
