import type { RegisteredResource } from "../offline/capture";
import { Properties, SETTING_TYPES, SettingKind } from "./translate";

/** One setting whose live value is not what the stack's program would create. */
export interface Drift {
    /** The bucket it belongs to; undefined for the key and the account. */
    bucket?: string;
    /** Where: `versioning.versioningConfiguration.status`, `lifecycle.rules[expire-audit-logs].expiration.days`, `policy.Statement[DenyInsecureTransport]`. */
    setting: string;
    /** null: the plan has no such setting. */
    expected: unknown;
    /** null: AWS reports no such setting. */
    actual: unknown;
}

/** The preview's unknown sentinel: a value the engine computes at deployment. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** Inputs that AWS never reports back (provider behaviour, request parameters), so they cannot drift. */
const NOT_REPORTED = new Set(["bucket", "region", "expectedBucketOwner", "forceDestroy", "bucketPrefix", "token", "timeouts", "deletionWindowInDays", "bypassPolicyLockoutSafetyCheck"]);

/**
 * Settings every bucket has whether or not a program declares them (S3's defaults: SSE-S3, ACLs off, the public
 * access block, versioning off): a program that leaves one out sets no expectation. Any other setting that exists
 * live but not in the plan was added by hand.
 */
const ALWAYS_PRESENT: ReadonlySet<SettingKind> = new Set(["encryption", "ownershipControls", "publicAccessBlock", "versioning"]);

const KIND_OF_TYPE = new Map<string, SettingKind>([
    ...(Object.entries(SETTING_TYPES) as [SettingKind, string][]).map(([kind, type]): [string, SettingKind] => [type, kind]),
    ["aws:s3/bucketV2:BucketV2", "bucket"],
    ["aws:s3/bucketVersioningV2:BucketVersioningV2", "versioning"],
    ["aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2", "encryption"],
    ["aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2", "lifecycle"],
    ["aws:s3/bucketObjectLockConfigurationV2:BucketObjectLockConfigurationV2", "objectLock"],
    ["aws:s3/bucketLoggingV2:BucketLoggingV2", "logging"],
    ["aws:s3/bucketWebsiteConfigurationV2:BucketWebsiteConfigurationV2", "website"],
    ["aws:s3/bucketCorsConfigurationV2:BucketCorsConfigurationV2", "cors"],
]);

/** The planned settings of one bucket, joined by bucket name or by the property dependency on the bucket. */
export function plannedSettings(resources: readonly RegisteredResource[], bucket: RegisteredResource): Partial<Record<SettingKind, Properties>> {
    const name = bucket.inputs.bucket;
    // Copies: the verifier resolves key ids in place, and a plan may be reused.
    const settings: Partial<Record<SettingKind, Properties>> = { bucket: structuredClone(bucket.inputs) };
    for (const resource of resources) {
        const kind = KIND_OF_TYPE.get(resource.type);
        if (!kind || kind === "bucket") {
            continue;
        }
        if (resource.inputs.bucket === name || (resource.propertyDependencies.bucket ?? []).includes(bucket.urn)) {
            settings[kind] = structuredClone(resource.inputs);
        }
    }
    return settings;
}

/**
 * Values the provider computes (a created key's ARN and id): unknown to the plan, so never drift targets. Under the
 * preview's default they are the unknown sentinel; a plan with deployed-like values has them as the outputs of
 * resources that no input of the same resource gave. S3 bucket names, ids and ARNs are the program's own choice.
 */
export function computedValues(resources: readonly RegisteredResource[]): Set<string> {
    const computed = new Set<string>([UNKNOWN]);
    for (const resource of resources) {
        if (KIND_OF_TYPE.get(resource.type) === "bucket") {
            continue;
        }
        const given = new Set(Object.values(resource.inputs).filter((value): value is string => typeof value === "string"));
        const identifiers = Object.entries(resource.outputs).filter(([name]) => /^id$|arn$|Id$/i.test(name)).map(([, value]) => value);
        for (const value of [resource.id, ...identifiers]) {
            if (typeof value === "string" && value.length > 0 && !given.has(value)) {
                computed.add(value);
            }
        }
    }
    return computed;
}

/** Setting-by-setting differences of one bucket. */
export function bucketDrift(bucket: string, planned: Partial<Record<SettingKind, Properties>>, live: Partial<Record<SettingKind, Properties>>, computed: ReadonlySet<string>): Drift[] {
    const drift: Drift[] = [];
    const kinds = new Set([...Object.keys(planned), ...Object.keys(live)] as SettingKind[]);
    for (const kind of kinds) {
        const expected = planned[kind];
        const actual = live[kind];
        if (!expected) {
            if (actual && !ALWAYS_PRESENT.has(kind)) {
                drift.push({ bucket, setting: kind, expected: null, actual: reported(actual) });
            }
            continue;
        }
        if (!actual) {
            drift.push({ bucket, setting: kind, expected: reported(expected), actual: null });
            continue;
        }
        compareProperties(kind, expected, actual, computed, drift);
    }
    return drift.map((entry) => ({ ...entry, bucket }));
}

/** The key the stack creates against the key AWS reports; a key's tags and deletion window are not read. */
export function keyDrift(planned: Properties, live: Properties, computed: ReadonlySet<string>): Drift[] {
    const { tags: _tags, arn: _arn, keyId: _keyId, ...expected } = planned;
    const drift: Drift[] = [];
    // The provider's and KMS's defaults for what a program leaves out; the rotation period only when declared.
    const defaults: Properties = { isEnabled: true, keyUsage: "ENCRYPT_DECRYPT", customerMasterKeySpec: "SYMMETRIC_DEFAULT" };
    const { rotationPeriodInDays, arn: _liveArn, keyId: _liveKeyId, ...reported } = live;
    compareProperties("key", { ...defaults, ...expected }, expected.rotationPeriodInDays === undefined ? reported : { ...reported, rotationPeriodInDays }, computed, drift);
    return drift;
}

function compareProperties(path: string, expected: Properties, actual: Properties, computed: ReadonlySet<string>, drift: Drift[]): void {
    for (const name of new Set([...Object.keys(expected), ...Object.keys(actual)])) {
        if (NOT_REPORTED.has(name)) {
            continue;
        }
        const where = `${path}.${name}`;
        if (name === "policy" && (typeof expected[name] === "string" || typeof actual[name] === "string")) {
            comparePolicies(where, expected[name], actual[name], computed, drift);
        } else {
            compareValues(where, expected[name], actual[name], computed, drift);
        }
    }
}

function compareValues(path: string, expected: unknown, actual: unknown, computed: ReadonlySet<string>, drift: Drift[]): void {
    if (typeof expected === "string" && mentionsComputed(expected, computed)) {
        return;
    }
    if (expected === undefined || expected === null) {
        if (!isDefaultLike(actual)) {
            drift.push({ setting: path, expected: null, actual });
        }
        return;
    }
    if (actual === undefined || actual === null) {
        // AWS leaves out what is off or empty (`<Filter/>` for a prefix of ""): absent and default are the same.
        if (!isDefaultLike(expected)) {
            drift.push({ setting: path, expected, actual: null });
        }
        return;
    }
    if (Array.isArray(expected) && Array.isArray(actual)) {
        compareLists(path, expected, actual, computed, drift);
    } else if (isObject(expected) && isObject(actual)) {
        compareProperties(path, expected, actual, computed, drift);
    } else if (!sameScalar(expected, actual)) {
        drift.push({ setting: path, expected, actual });
    }
}

/** Lists of rules are matched by `id` (lifecycle, CORS, replication), other lists by position. */
function compareLists(path: string, expected: unknown[], actual: unknown[], computed: ReadonlySet<string>, drift: Drift[]): void {
    const byId = expected.every((item) => isObject(item) && typeof item.id === "string");
    if (!byId) {
        const scalars = [...expected, ...actual].every((item) => !isObject(item) && !Array.isArray(item));
        const [left, right] = scalars ? [[...expected].map(String).sort(), [...actual].map(String).sort()] : [expected, actual];
        for (let index = 0; index < Math.max(left.length, right.length); index++) {
            compareValues(`${path}[${index}]`, left[index], right[index], computed, drift);
        }
        return;
    }
    const live = new Map(actual.filter(isObject).map((item) => [String(item.id), item]));
    for (const item of expected as Properties[]) {
        const id = String(item.id);
        compareValues(`${path}[${id}]`, item, live.get(id), computed, drift);
        live.delete(id);
    }
    for (const [id, item] of live) {
        drift.push({ setting: `${path}[${id}]`, expected: null, actual: item });
    }
}

/** Policies compared statement by statement (by Sid, else by content): a statement added live is drift. */
function comparePolicies(path: string, expected: unknown, actual: unknown, computed: ReadonlySet<string>, drift: Drift[]): void {
    const planned = statements(expected);
    const live = statements(actual);
    if (!planned || !live) {
        if (!sameScalar(expected, actual)) {
            drift.push({ setting: path, expected: expected ?? null, actual: actual ?? null });
        }
        return;
    }
    const unmatched = [...live];
    planned.forEach((statement, index) => {
        const sid = typeof statement.Sid === "string" ? statement.Sid : undefined;
        const found = unmatched.findIndex((candidate) => (sid ? candidate.Sid === sid : canonical(candidate) === canonical(statement)));
        const label = `${path}.Statement[${sid ?? index}]`;
        const match = found >= 0 ? unmatched.splice(found, 1)[0] : undefined;
        if (mentionsComputed(statement, computed)) {
            return;
        }
        if (!match) {
            drift.push({ setting: label, expected: statement, actual: null });
        } else if (canonical(match) !== canonical(statement)) {
            drift.push({ setting: label, expected: statement, actual: match });
        }
    });
    unmatched.forEach((statement, index) => {
        drift.push({ setting: `${path}.Statement[${typeof statement.Sid === "string" ? statement.Sid : `extra ${index}`}]`, expected: null, actual: statement });
    });
}

function statements(policy: unknown): Properties[] | undefined {
    if (typeof policy !== "string") {
        return undefined;
    }
    try {
        const document = JSON.parse(policy) as { Statement?: unknown };
        const list = Array.isArray(document.Statement) ? document.Statement : document.Statement ? [document.Statement] : [];
        return list.filter(isObject);
    } catch {
        return undefined;
    }
}

/** A statement in a form where AWS's reformatting (key order, one-element lists, list order) makes no difference. */
export function canonical(value: unknown): string {
    const normalize = (item: unknown): unknown => {
        if (Array.isArray(item)) {
            const members = item.map(normalize);
            if (members.length === 1) {
                return members[0];
            }
            return members.every((member) => typeof member === "string") ? [...(members as string[])].sort() : members;
        }
        if (isObject(item)) {
            return Object.fromEntries(
                Object.keys(item)
                    .sort()
                    .map((key) => [key, normalize(item[key])]),
            );
        }
        return item;
    };
    return JSON.stringify(normalize(value));
}

function mentionsComputed(value: unknown, computed: ReadonlySet<string>): boolean {
    if (typeof value === "string") {
        return [...computed].some((known) => value === known || (known.length >= 20 && value.includes(known)));
    }
    if (Array.isArray(value)) {
        return value.some((item) => mentionsComputed(item, computed));
    }
    if (isObject(value)) {
        return Object.values(value).some((item) => mentionsComputed(item, computed));
    }
    return false;
}

/** What AWS answers for a setting nobody set: off, empty, none. */
function isDefaultLike(value: unknown): boolean {
    return value === undefined || value === null || value === false || value === "" || value === "Disabled" || (Array.isArray(value) && value.length === 0) || (isObject(value) && Object.values(value).every(isDefaultLike));
}

function sameScalar(expected: unknown, actual: unknown): boolean {
    return expected === actual || ((typeof expected === "number" || typeof actual === "number") && String(expected) === String(actual));
}

function isObject(value: unknown): value is Properties {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

function reported(properties: Properties): Properties {
    return Object.fromEntries(Object.entries(properties).filter(([name]) => !NOT_REPORTED.has(name)));
}
