/** A verdict that depends on a value not known until `pulumi up`: reported as advisory, on that resource only. */
export interface Pending {
    pending: string;
}

/** A problem (a sentence saying what is wrong and how to fix it), or a verdict that must wait for `pulumi up`. */
export type Finding = string | Pending;

export function pending(reason: string): Pending {
    return { pending: reason };
}
