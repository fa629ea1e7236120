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
    /** Why the difference matters when the values alone do not say it (a deleted principal). */
    reason?: string;
}

/** A value S3 reports for a setting a program may leave out: the plan, when silent, expects it. */
export interface ReportedDefault {
    /** Where, in drift's own notation (`rules[*]` for every rule). */
    setting: string;
    value: unknown;
    /** The docs/aws-requirements.md entry that documents the default. */
    requirement: string;
    /** Where AWS says so. */
    source: string;
}

/**
 * What S3 answers for settings nobody set, so a plan that leaves them out is compared with what it will get, and a
 * live value other than the default is still drift.
 */
export const REPORTED_DEFAULTS: readonly ReportedDefault[] = [
    {
        // AWS-S3-400: GetBucketLifecycleConfiguration always answers the header; the default is all_storage_classes_128K.
        setting: "lifecycle.transitionDefaultMinimumObjectSize",
        value: "all_storage_classes_128K",
        requirement: "AWS-S3-400",
        source: "S3 API reference, GetBucketLifecycleConfiguration (x-amz-transition-default-minimum-object-size); terraform-provider-aws, s3/bucket_lifecycle_configuration.go",
    },
    {
        // AWS-S3-401: S3 blocks SSE-C on new buckets since April 2026 and reports it in GetBucketEncryption.
        setting: "encryption.rules[*].blockedEncryptionTypes",
        value: ["SSE-C"],
        requirement: "AWS-S3-401",
        source: "S3 user guide, \"Blocking or unblocking SSE-C for a general purpose bucket\"; S3 API reference, BlockedEncryptionTypes",
    },
];

/** The planned settings with S3's reported defaults filled in where the program is silent (a copy). */
export function withReportedDefaults(planned: Partial<Record<SettingKind, Properties>>): Partial<Record<SettingKind, Properties>> {
    const filled = structuredClone(planned);
    for (const entry of REPORTED_DEFAULTS) {
        const [kind, ...path] = entry.setting.split(".");
        const setting = filled[kind as SettingKind];
        if (setting) {
            fillDefault(setting, path, entry.value);
        }
    }
    return filled;
}

function fillDefault(target: Properties, path: string[], value: unknown): void {
    const [head, ...rest] = path;
    const each = /^(.+)\[\*\]$/.exec(head);
    if (each) {
        const list = target[each[1]];
        if (Array.isArray(list)) {
            list.filter(isObject).forEach((item) => fillDefault(item, rest, value));
        }
    } else if (rest.length === 0) {
        if (target[head] === undefined || target[head] === null) {
            target[head] = structuredClone(value);
        }
    } else if (isObject(target[head])) {
        fillDefault(target[head] as Properties, rest, value);
    }
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

/**
 * The planned settings of one bucket, joined by bucket name or by the property dependency on the bucket. The
 * provider's `defaultTags` are tags the provider puts on the bucket besides its own (the bucket's win on a clash).
 */
export function plannedSettings(resources: readonly RegisteredResource[], bucket: RegisteredResource, defaultTags: Record<string, string> = {}): Partial<Record<SettingKind, Properties>> {
    const name = bucket.inputs.bucket;
    // Copies: the verifier resolves key ids in place, and a plan may be reused.
    const settings: Partial<Record<SettingKind, Properties>> = { bucket: structuredClone(bucket.inputs) };
    const own = bucket.inputs.tags;
    if (Object.keys(defaultTags).length > 0) {
        // AWS-PROV-400: the provider sends defaultTags merged under the resource's own tags.
        settings.bucket = { ...settings.bucket, tags: { ...defaultTags, ...(isObject(own) ? own : {}) } };
    }
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

/**
 * The provider's `defaultTags` from the stack config (`aws:defaultTags`, `{"tags": {...}}` as the CLI stores it);
 * none when unset or unreadable.
 */
export function providerDefaultTags(config: Record<string, string>): Record<string, string> {
    const raw = config["aws:defaultTags"];
    if (!raw) {
        return {};
    }
    try {
        const parsed = JSON.parse(raw) as { tags?: unknown };
        return isObject(parsed.tags) ? Object.fromEntries(Object.entries(parsed.tags).map(([key, value]) => [key, String(value)])) : {};
    } catch {
        return {};
    }
}

/** Setting-by-setting differences of one bucket, the plan's silence read as S3's reported defaults. */
export function bucketDrift(bucket: string, declared: Partial<Record<SettingKind, Properties>>, live: Partial<Record<SettingKind, Properties>>, computed: ReadonlySet<string>): Drift[] {
    const planned = withReportedDefaults(declared);
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
            const orphans = orphanedPrincipals(match);
            drift.push({
                setting: label,
                expected: statement,
                actual: match,
                ...(orphans.length > 0
                    ? { reason: `${orphans.join(", ")}: AWS shows a principal's unique id in place of its ARN once the principal is deleted; the grant no longer applies, even to a principal re-created with the same name (put the policy again)` }
                    : {}),
            });
        }
    });
    unmatched.forEach((statement, index) => {
        drift.push({ setting: `${path}.Statement[${typeof statement.Sid === "string" ? statement.Sid : `extra ${index}`}]`, expected: null, actual: statement });
    });
}

/** AWS-S3-403: unique ids (`AROA...` roles, `AIDA...` users) that stand where a deleted principal's ARN was. */
export function orphanedPrincipals(statement: Properties): string[] {
    const principal = statement.Principal;
    const aws = isObject(principal) ? principal.AWS : undefined;
    const values = Array.isArray(aws) ? aws : aws === undefined ? [] : [aws];
    return values.filter((value): value is string => typeof value === "string" && /^(AROA|AIDA)[A-Z0-9]{12,}$/.test(value));
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

/**
 * A statement in a form where AWS's reformatting (key order, one-element lists, list order, an account principal
 * written as its id or as its root ARN) makes no difference.
 */
export function canonical(value: unknown): string {
    const normalize = (item: unknown, inPrincipal: boolean): unknown => {
        // AWS-S3-403: S3 may store an account principal `123456789012` as `arn:aws:iam::123456789012:root`.
        if (typeof item === "string" && inPrincipal) {
            return /^arn:aws[a-z-]*:iam::(\d{12}):root$/.exec(item)?.[1] ?? item;
        }
        if (Array.isArray(item)) {
            const members = item.map((member) => normalize(member, inPrincipal));
            if (members.length === 1) {
                return members[0];
            }
            return members.every((member) => typeof member === "string") ? [...(members as string[])].sort() : members;
        }
        if (isObject(item)) {
            return Object.fromEntries(
                Object.keys(item)
                    .sort()
                    .map((key) => [key, normalize(item[key], inPrincipal || key === "Principal" || key === "NotPrincipal")]),
            );
        }
        return item;
    };
    return JSON.stringify(normalize(value, false));
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
