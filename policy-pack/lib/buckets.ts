import type { PolicyResource } from "@pulumi/policy";
import { SettingKind, TYPES, isType } from "./types";

/** A bucket with the sibling resources that configure it, joined by bucket name, id or property dependency. */
export interface BucketView {
    bucket: PolicyResource;
    /** The bucket's name when it is known (it is not during a preview of an auto-named bucket). */
    name?: string;
    settings: Record<SettingKind, PolicyResource[]>;
}

const SETTING_KINDS = Object.keys(TYPES).filter((kind) => kind !== "bucket" && kind !== "object" && kind !== "kmsKey") as SettingKind[];

/**
 * Joins every bucket of the stack to its settings. A setting names its bucket in `bucket`, by name (or id, the same
 * for S3); when the name is not known yet, the engine's property dependency of `bucket` on the bucket resource joins
 * them instead.
 */
export function bucketViews(resources: readonly PolicyResource[]): BucketView[] {
    const views = resources
        .filter((resource) => isType(resource.type, "bucket"))
        .map((bucket): BucketView => ({
            bucket,
            name: knownString(bucket.props.bucket) ?? knownString(bucket.props.id),
            settings: Object.fromEntries(SETTING_KINDS.map((kind) => [kind, [] as PolicyResource[]])) as Record<SettingKind, PolicyResource[]>,
        }));
    const byName = new Map(views.filter((view) => view.name).map((view) => [view.name as string, view]));
    const byUrn = new Map(views.map((view) => [view.bucket.urn, view]));
    for (const resource of resources) {
        const kind = SETTING_KINDS.find((candidate) => isType(resource.type, candidate));
        if (!kind) {
            continue;
        }
        const target = knownString(resource.props.bucket);
        const view =
            (target !== undefined ? byName.get(target) : undefined) ??
            (resource.propertyDependencies?.bucket ?? []).map((dependency) => byUrn.get(dependency.urn)).find((found) => found !== undefined);
        view?.settings[kind].push(resource);
    }
    return views;
}

/** Audit-log buckets: named with the configured prefix, or tagged `purpose: audit-logs`. */
export function isAuditLogBucket(view: BucketView, namePrefix: string): boolean {
    const tags = (view.bucket.props.tags ?? {}) as Record<string, unknown>;
    return (view.name !== undefined && view.name.startsWith(namePrefix)) || tags.purpose === "audit-logs";
}

export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

function knownString(value: unknown): string | undefined {
    return typeof value === "string" && value !== UNKNOWN && value.length > 0 ? value : undefined;
}

export function describe(view: BucketView): string {
    return view.name ? `bucket "${view.name}" (${view.bucket.name})` : `bucket ${view.bucket.name}`;
}
