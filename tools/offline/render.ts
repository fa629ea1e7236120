import type { RegisteredResource } from "./capture";
import type { Violation } from "../policy/violations";

/** A resource in the shape the preview's JSON document promises. */
export interface PlannedResource {
    urn: string;
    type: string;
    name: string;
    parent?: string;
    inputs: Record<string, unknown>;
    protect: boolean;
    retainOnDelete: boolean;
    dependsOn: string[];
}

export function plannedResource(resource: RegisteredResource): PlannedResource {
    const { urn, type, name, parent, inputs, protect, retainOnDelete, dependsOn } = resource;
    return { urn, type, name, parent, inputs, protect, retainOnDelete, dependsOn };
}

/** The settings worth reading in a plan, per resource type. */
export function keySettings(resource: PlannedResource): string {
    const inputs = resource.inputs as Record<string, any>;
    switch (resource.type) {
        case "aws:s3/bucket:Bucket":
            return `bucket=${inputs.bucket} forceDestroy=${inputs.forceDestroy ?? false}${inputs.objectLockEnabled ? " objectLock=on" : ""}`;
        case "aws:s3/bucketOwnershipControls:BucketOwnershipControls":
            return `objectOwnership=${inputs.rule?.objectOwnership}`;
        case "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": {
            const flags = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"];
            const on = flags.filter((flag) => inputs[flag] === true);
            return on.length === flags.length ? "all four settings on" : `on: ${on.join(", ") || "none"}`;
        }
        case "aws:s3/bucketVersioning:BucketVersioning":
            return `status=${inputs.versioningConfiguration?.status}`;
        case "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration": {
            const rule = inputs.rules?.[0] ?? {};
            const byDefault = rule.applyServerSideEncryptionByDefault ?? {};
            return `sseAlgorithm=${byDefault.sseAlgorithm}${byDefault.kmsMasterKeyId ? ` key=${byDefault.kmsMasterKeyId}` : ""}${rule.bucketKeyEnabled ? " bucketKey=on" : ""}`;
        }
        case "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration":
            return (inputs.rules ?? [])
                .map((rule: any) => {
                    const parts = [
                        ...(rule.transitions ?? []).map((t: any) => `${t.storageClass}@${t.days}d`),
                        rule.expiration?.days !== undefined ? `expire@${rule.expiration.days}d` : undefined,
                        rule.noncurrentVersionExpiration ? `noncurrent@${rule.noncurrentVersionExpiration.noncurrentDays}d` : undefined,
                        rule.abortIncompleteMultipartUpload ? `abortUploads@${rule.abortIncompleteMultipartUpload.daysAfterInitiation}d` : undefined,
                        rule.expiration?.expiredObjectDeleteMarker ? "cleanDeleteMarkers" : undefined,
                    ].filter(Boolean);
                    return `${rule.id}: ${parts.join(" ")}`;
                })
                .join("; ");
        case "aws:s3/bucketPolicy:BucketPolicy":
        case "aws:kms/key:Key": {
            const sids = typeof inputs.policy === "string" ? (JSON.parse(inputs.policy).Statement ?? []).map((s: any) => s.Sid) : [];
            const prefix = resource.type === "aws:kms/key:Key" ? `rotation=${inputs.enableKeyRotation ? "on" : "off"} deletionWindow=${inputs.deletionWindowInDays}d ` : "";
            return `${prefix}statements: ${sids.join(", ")}`;
        }
        case "aws:kms/alias:Alias":
            return `name=${inputs.name}`;
        case "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration":
            return `mode=${inputs.rule?.defaultRetention?.mode} days=${inputs.rule?.defaultRetention?.days}`;
        case "aws:s3/bucketLogging:BucketLogging":
            return `target=s3://${inputs.targetBucket}/${inputs.targetPrefix}`;
        case "aws:s3/bucketObjectv2:BucketObjectv2":
            return `key=${inputs.key} (zero-byte prefix marker)`;
        default:
            return "";
    }
}

/** A tree like `pulumi preview` prints, with each resource's key settings and the policy verdicts. */
export function renderPlan(stack: string, resources: PlannedResource[], violations: Violation[], outputs: Record<string, unknown>): string {
    const lines: string[] = [`Previewing update (${stack}), offline: the program ran under mocks, no credentials and no AWS calls`, ""];
    const children = new Map<string | undefined, PlannedResource[]>();
    for (const resource of resources) {
        const siblings = children.get(resource.parent) ?? [];
        siblings.push(resource);
        children.set(resource.parent, siblings);
    }
    const known = new Set(resources.map((resource) => resource.urn));
    const roots = resources.filter((resource) => !resource.parent || !known.has(resource.parent));
    const walk = (resource: PlannedResource, indent: string, last: boolean, depth: number): void => {
        const branch = depth === 0 ? "" : last ? "└─ " : "├─ ";
        const flags = [resource.protect ? "protect" : "", resource.retainOnDelete ? "retainOnDelete" : ""].filter(Boolean).join(",");
        lines.push(` +   ${indent}${branch}${resource.type}  ${resource.name}  create${flags ? `  [${flags}]` : ""}`);
        const settings = keySettings(resource);
        const childIndent = depth === 0 ? indent : indent + (last ? "   " : "│  ");
        if (settings) {
            lines.push(`     ${childIndent}${(children.get(resource.urn) ?? []).length > 0 ? "│  " : "   "}    ${settings}`);
        }
        const kids = children.get(resource.urn) ?? [];
        kids.forEach((kid, index) => walk(kid, childIndent, index === kids.length - 1, depth + 1));
    };
    roots.forEach((root, index) => walk(root, "", index === roots.length - 1, 0));

    lines.push("");
    if (violations.length === 0) {
        lines.push("Policies: no violations");
    } else {
        lines.push("Policy violations:");
        for (const violation of violations) {
            lines.push(`    [${violation.enforcementLevel}]  ${violation.policyPack}: ${violation.policy}  (${violation.urn || "stack"})`);
            lines.push(`        ${violation.message.split("\n").join("\n        ")}`);
        }
    }
    lines.push("", "Outputs:");
    for (const [key, value] of Object.entries(outputs)) {
        const text = typeof value === "string" ? value : JSON.stringify(value);
        lines.push(`    ${key}: ${text.length > 100 ? `${text.slice(0, 97)}...` : text}`);
    }
    lines.push("", `Resources:`, `    + ${resources.length} to create`);
    return lines.join("\n");
}
