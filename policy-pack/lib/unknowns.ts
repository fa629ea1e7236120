/**
 * Values not known until `pulumi up`. During a preview the engine sends a computed value (a created bucket's id, a
 * created key's ARN) as a sentinel string; @pulumi/policy wraps a resource's properties in a proxy that throws when
 * a rule reads one, which turns a whole stack policy into one advisory "can't run during preview". Rules read the
 * plain properties instead and decide, value by value, whether an unknown matters.
 */

/** The sentinels of @pulumi/policy (`proxy.js`); the engine itself sends the string one for every kind. */
export const UNKNOWN_VALUES: readonly string[] = [
    "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
    "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7",
    "3eeb2bf0-c639-47a8-9e75-3b44932eb421",
    "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2",
    "030794c1-ac77-496b-92df-f27374a8bd58",
    "e48ece36-62e2-4504-bad9-02848725956a",
    "dd056dcd-154b-4c76-9bd3-c8f88648b5ff",
];

export const UNKNOWN = UNKNOWN_VALUES[0];

const UNKNOWN_SET: ReadonlySet<string> = new Set(UNKNOWN_VALUES);

export function isUnknown(value: unknown): boolean {
    return typeof value === "string" && UNKNOWN_SET.has(value);
}

/** Whether `value`, or anything inside it, is unknown. */
export function containsUnknown(value: unknown): boolean {
    if (isUnknown(value)) {
        return true;
    }
    if (Array.isArray(value)) {
        return value.some(containsUnknown);
    }
    if (value !== null && typeof value === "object") {
        return Object.values(value).some(containsUnknown);
    }
    return false;
}

// @pulumi/policy's proxy answers this key with the object it wraps (proxy.js, getSpecialProxyTarget).
const PROXY_TARGET = "__getSpecialProxyTarget";

/**
 * The properties behind @pulumi/policy's proxies, which can be read without throwing: the unknown-checking proxy,
 * and under it, for Remediate calls, the secret-preserving proxy (whose arrays cannot even be mapped).
 */
export function plainProps(props: unknown): Record<string, unknown> {
    let current = props;
    while (current !== null && typeof current === "object") {
        const target = (current as Record<string, unknown>)[PROXY_TARGET];
        if (target === undefined || target === null || target === current || typeof target !== "object") {
            return current as Record<string, unknown>;
        }
        current = target;
    }
    return {};
}

/** A known, non-empty string, or undefined. */
export function knownString(value: unknown): string | undefined {
    return typeof value === "string" && !isUnknown(value) && value.length > 0 ? value : undefined;
}

/** A list value: undefined and null are empty, one value is a list of one, an unknown stays unknown. */
export function listOf(value: unknown): unknown[] {
    if (value === undefined || value === null) {
        return [];
    }
    return Array.isArray(value) ? value : [value];
}

/** An object value, or an empty object when it is absent or not an object (an unknown is reported by the caller). */
export function objectOf(value: unknown): Record<string, unknown> {
    return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
