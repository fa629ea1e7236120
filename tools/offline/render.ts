import { RegisteredResource, UNKNOWN } from "./capture";
import type { PreviewDocument } from "./preview";
import { wrapText } from "./wrap";

/** How the text shows a value the engine does not know until `up` (the JSON keeps the sentinel). */
export const KNOWN_AFTER_UP = "(known after up)";

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
    const inputs = readable(resource.inputs) as Record<string, any>;
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
            const blocked: string[] = rule.blockedEncryptionTypes ?? [];
            return `sseAlgorithm=${byDefault.sseAlgorithm}${byDefault.kmsMasterKeyId ? ` key=${byDefault.kmsMasterKeyId}` : ""}${rule.bucketKeyEnabled ? " bucketKey=on" : ""}${blocked.length > 0 ? ` blocked=${blocked.join(",")}` : ""}`;
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
            const prefix = resource.type === "aws:kms/key:Key" ? `rotation=${inputs.enableKeyRotation ? "on" : "off"} deletionWindow=${inputs.deletionWindowInDays}d ` : "";
            if (inputs.policy === KNOWN_AFTER_UP) {
                return `${prefix}policy ${KNOWN_AFTER_UP}`;
            }
            const sids = typeof inputs.policy === "string" ? (JSON.parse(inputs.policy).Statement ?? []).map((s: any) => s.Sid) : [];
            return `${prefix}statements: ${sids.join(", ")}`;
        }
        case "aws:kms/alias:Alias":
            return `name=${inputs.name}`;
        case "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration":
            return `mode=${inputs.rule?.defaultRetention?.mode} days=${inputs.rule?.defaultRetention?.days}`;
        case "aws:s3/bucketLogging:BucketLogging":
            return `target=s3://${inputs.targetBucket}/${inputs.targetPrefix}`;
        case "aws:s3/bucketNotification:BucketNotification": {
            // S3 keeps one notification configuration per bucket: show every destination it names, not only ours.
            const destinations = ["topics", "queues", "lambdaFunctions"].filter((key) => (inputs[key] ?? []).length > 0).map((key) => `${key}=${inputs[key].length}`);
            return [`eventbridge=${inputs.eventbridge === true ? "on" : "off"}`, ...destinations].join(" ");
        }
        case "aws:s3/bucketObjectv2:BucketObjectv2":
            return `key=${inputs.key} (zero-byte prefix marker)`;
        default:
            return "";
    }
}

/** Replaces the unknown sentinel, also inside strings (a policy built around an unknown ARN), with its wording. */
export function readable(value: unknown): unknown {
    if (typeof value === "string") {
        return value.split(UNKNOWN).join(KNOWN_AFTER_UP);
    }
    if (Array.isArray(value)) {
        return value.map(readable);
    }
    if (value !== null && typeof value === "object") {
        return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, readable(inner)]));
    }
    return value;
}

/**
 * A tree like `pulumi preview` prints, with each resource's key settings, then the pack with each policy's level
 * and verdict, the violations and remediations, the outputs, and, when it fails, the line that says why. Lines
 * wrap to `width`.
 */
export function renderPlan(document: PreviewDocument, width: number): string {
    const { stack, resources, violations, remediations, policies, outputs, summary } = document;
    const how = document.mode === "preview" ? "values computed by AWS are (known after up)" : "as deployed: every value as after pulumi up";
    const lines: string[] = [`Previewing update (${stack}), offline: the program ran under mocks, no credentials and no AWS calls; ${how}`, ""];
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

    const config = document.policyConfig ? `policy config ${document.policyConfig}` : "the pack's own levels";
    lines.push("", `Policy pack ${summary.policyPacks.join(", ")}: ${policies.length} policies, ${config}`);
    const nameWidth = Math.max(0, ...policies.map((policy) => policy.policy.length));
    for (const policy of policies) {
        const count = policy.verdict === "violated" || policy.verdict.startsWith("not run") ? ` (${policy.diagnostics})` : "";
        lines.push(`    ${policy.enforcementLevel.padEnd(9)}  ${policy.policy.padEnd(nameWidth)}  ${policy.verdict}${count}`);
    }
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
    if (remediations.length > 0) {
        lines.push("", "Remediations (applied by the pack before the checks):");
        for (const remediation of remediations) {
            lines.push(`    ~ ${remediation.policyPack}: ${remediation.policy}  (${remediation.urn})`);
            for (const change of changedProperties(remediation.before, remediation.after)) {
                lines.push(`        ${change}`);
            }
        }
    }
    lines.push("", "Outputs:");
    for (const [key, value] of Object.entries(readable(outputs) as Record<string, unknown>)) {
        const text = typeof value === "string" ? value : JSON.stringify(value);
        lines.push(`    ${key}: ${text.length > 100 ? `${text.slice(0, 97)}...` : text}`);
    }
    lines.push("", `Resources:`, `    + ${resources.length} to create`);
    if (summary.mandatory > 0) {
        lines.push("", `preview failed: ${summary.mandatory} mandatory violation${summary.mandatory === 1 ? "" : "s"}`);
    }
    return wrapText(lines.join("\n"), width);
}

/** `key: before → after` for each top-level property a remediation changed. */
export function changedProperties(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys
        .filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]))
        .map((key) => `${key}: ${show(before[key])} → ${show(after[key])}`);
}

function show(value: unknown): string {
    return value === undefined ? "(unset)" : JSON.stringify(readable(value));
}
