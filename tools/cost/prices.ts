/**
 * Amazon S3, AWS KMS and Amazon EventBridge list prices in us-east-1 (US East, N. Virginia), in USD, as published on
 * the S3, KMS and EventBridge pricing pages on the date below. Storage is the first-50-TB tier; a GB is 2^30 bytes as
 * S3 bills it.
 */
export const PRICES = {
    date: "2026-11-01",
    region: "us-east-1",
    regionName: "US East (N. Virginia)",
    storagePerGbMonth: {
        STANDARD: 0.023,
        GLACIER_IR: 0.004,
        GLACIER: 0.0036,
        DEEP_ARCHIVE: 0.00099,
    },
    /** PUT, COPY, POST, LIST requests, per 1,000, by the storage class written. */
    putPer1000: {
        STANDARD: 0.005,
        GLACIER_IR: 0.02,
        GLACIER: 0.03,
        DEEP_ARCHIVE: 0.05,
    },
    /** Lifecycle transition requests into a class, per 1,000 objects. */
    transitionPer1000: {
        GLACIER_IR: 0.02,
        GLACIER: 0.03,
        DEEP_ARCHIVE: 0.05,
    },
    /** Billed for the rest of the period when an object leaves the class earlier. */
    minimumStorageDays: {
        STANDARD: 0,
        GLACIER_IR: 90,
        GLACIER: 90,
        DEEP_ARCHIVE: 180,
    },
    /** Per archived object (Glacier Flexible Retrieval, Deep Archive): index and metadata S3 bills on top. */
    archiveOverheadKb: { atArchiveRate: 32, atStandardRate: 8 },
    /** Glacier Instant Retrieval bills objects smaller than this as this size. */
    glacierIrMinimumBillableKb: 128,
    /** Objects smaller than this are not transitioned unless a rule's size filter says otherwise (S3's default). */
    defaultTransitionMinimumBytes: 128 * 1024,
    kms: {
        per10000Requests: 0.03,
        keyPerMonth: 1,
    },
    /**
     * The EventBridge pricing page ("Event buses") names the data-plane events a service such as S3 sends once a
     * bucket opts in "AWS opt-in data events", billed at $1.00 per million ingested on the default bus, like custom
     * and partner events; AWS management events are free. Each 64 KB chunk of a payload is one event, and an S3 event
     * (key, size, version, requester) is a few KB, so each is one. Delivery to a target in the same account is free;
     * cross-account delivery is not modelled.
     */
    eventBridge: {
        optInDataEventsPerMillion: 1,
    },
} as const;

export type StorageClass = keyof typeof PRICES.storagePerGbMonth;

/** One region's list prices, in the shape of PRICES. */
export type Prices = {
    readonly [K in keyof typeof PRICES]: K extends "region" | "regionName" | "date" ? string : (typeof PRICES)[K] extends number ? number : { readonly [P in keyof (typeof PRICES)[K]]: number };
};

/**
 * The dated table of the regions this repository ships stacks for (stacks/: dev and log-archive in eu-west-1, prod
 * in us-east-1), each dated. AWS-S3-500: prices vary by region; eu-west-1's rates are entered as us-east-1's (not
 * confirmed against the price list: see the entry), and every report names the region and the table's date.
 */
export const REGION_PRICES: Readonly<Record<string, Prices>> = {
    "us-east-1": PRICES,
    "eu-west-1": { ...PRICES, region: "eu-west-1", regionName: "Europe (Ireland)" },
};

/** The prices of `region`, or us-east-1's when the table has none for it, saying so. */
export function pricesFor(region: string): { prices: Prices; note?: string } {
    const prices = REGION_PRICES[region];
    if (prices) {
        return { prices };
    }
    return {
        prices: PRICES,
        note: `the price table (tools/cost/prices.ts, ${PRICES.date}) has no prices for ${region} (it has ${Object.keys(REGION_PRICES).join(", ")}): priced at ${PRICES.region}'s, which differ from ${region}'s`,
    };
}
