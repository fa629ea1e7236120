import { UNKNOWN, isUnknown, listOf } from "./unknowns";

/**
 * Reads `path` in a plain value: undefined when a step is missing, the unknown sentinel when a step is unknown (a
 * whole object or list not known until `pulumi up` makes every value under it unknown).
 */
export function at(value: unknown, ...path: (string | number)[]): unknown {
    let current = value;
    for (const step of path) {
        if (isUnknown(current)) {
            return UNKNOWN;
        }
        if (current === null || typeof current !== "object") {
            return undefined;
        }
        current = (current as Record<string | number, unknown>)[step];
    }
    return current;
}

/** The entries of a list (or a single value); a list that is itself unknown is one unknown entry. */
export function entries(value: unknown): unknown[] {
    return isUnknown(value) ? [UNKNOWN] : listOf(value);
}

/** The first entry of a single-element list, the shape the deprecated `BucketV2` gives its inline settings. */
export function first(value: unknown): unknown {
    return entries(value)[0];
}
