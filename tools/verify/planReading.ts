/** What the plan says about the stack's layout: its audit bucket, its log prefixes, whose logs arrive. */
import type { RegisteredResource } from "../offline/capture";
import type { LogService } from "./deliveries";

const MARKER_SERVICES: Record<string, LogService> = { cloudtrail: "cloudTrail", config: "config", ssm: "sessionManager", securityhub: "securityHub" };

/** The audit bucket: the program's `bucketName` output, else the bucket tagged `purpose: audit-logs`. */
export function mainBucket(buckets: RegisteredResource[], outputs: Record<string, unknown>): RegisteredResource | undefined {
    return buckets.find((bucket) => bucket.inputs.bucket === outputs.bucketName) ?? buckets.find((bucket) => (bucket.inputs.tags as Record<string, string> | undefined)?.purpose === "audit-logs") ?? buckets[0];
}

/** The log prefixes of the audit bucket, from the marker objects the component creates (`<name>-prefix-<service>`). */
export function markers(resources: readonly RegisteredResource[], bucket: RegisteredResource): { service: LogService; prefix: string }[] {
    return resources
        .filter((resource) => resource.type === "aws:s3/bucketObjectv2:BucketObjectv2" && typeof resource.inputs.key === "string")
        .filter((resource) => resource.inputs.bucket === bucket.inputs.bucket || (resource.propertyDependencies.bucket ?? []).includes(bucket.urn))
        .map((resource) => ({ service: MARKER_SERVICES[/-prefix-([a-z]+)$/.exec(resource.name)?.[1] ?? ""], prefix: resource.inputs.key as string }))
        .filter((marker) => marker.service !== undefined);
}

/**
 * The accounts whose logs land here: the stack's own, and in the log-archive layout the management account and each
 * source account the config names (the accounts the bucket policy admits).
 */
export function sourceAccounts(config: Record<string, string>, project: string, own: string): string[] {
    const management = config[`${project}:managementAccountId`];
    return [...new Set([own, ...(management ? [management] : []), ...jsonList(config[`${project}:sourceAccountIds`])])];
}

/** A list-valued config entry (JSON, as the CLI stores structured values); a plain string is a comma list. */
export function jsonList(raw: string | undefined): string[] {
    if (!raw) {
        return [];
    }
    try {
        const parsed: unknown = JSON.parse(raw);
        return Array.isArray(parsed) ? parsed.map(String) : [String(parsed)];
    } catch {
        return raw.split(",").map((item) => item.trim()).filter(Boolean);
    }
}
