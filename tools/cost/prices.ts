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
        // The vault's classes: replicas may land in Standard-IA (AWS-S3-753: its 30-day minimum and 128 KB billable size).
        STANDARD_IA: 0.0125,
        GLACIER_IR: 0.004,
        GLACIER: 0.0036,
        DEEP_ARCHIVE: 0.00099,
    },
    /** PUT, COPY, POST, LIST requests, per 1,000, by the storage class written. */
    putPer1000: {
        STANDARD: 0.005,
        STANDARD_IA: 0.01,
        GLACIER_IR: 0.02,
        GLACIER: 0.03,
        DEEP_ARCHIVE: 0.05,
    },
    /** Lifecycle transition requests into a class, per 1,000 objects. */
    transitionPer1000: {
        STANDARD_IA: 0.01,
        GLACIER_IR: 0.02,
        GLACIER: 0.03,
        DEEP_ARCHIVE: 0.05,
    },
    /** Billed for the rest of the period when an object leaves the class earlier. */
    minimumStorageDays: {
        STANDARD: 0,
        STANDARD_IA: 30,
        GLACIER_IR: 90,
        GLACIER: 90,
        DEEP_ARCHIVE: 180,
    },
    /** Per archived object (Glacier Flexible Retrieval, Deep Archive): index and metadata S3 bills on top. */
    archiveOverheadKb: { atArchiveRate: 32, atStandardRate: 8 },
    /** Standard-IA and Glacier Instant Retrieval bill objects smaller than this as this size (AWS-S3-753). */
    minimumBillableKb: 128,
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
    /**
     * What S3 Replication adds to a bucket replicated into another region (the vault), billed at this region's rates
     * when it is the source: inter-region Data Transfer OUT per GB (AWS-S3-754), the Replication Time Control data
     * transfer fee per GB, the same in every region (AWS-S3-755), and the replication metrics, billed as CloudWatch
     * custom metrics per metric-month (AWS-S3-756).
     */
    replication: {
        interRegionTransferOutPerGb: 0.02,
        replicationTimeControlPerGb: 0.015,
        cloudWatchCustomMetricPerMonth: 0.3,
    },
} as const;

export type StorageClass = keyof typeof PRICES.storagePerGbMonth;

/** One region's list prices, in the shape of PRICES. */
export type Prices = {
    readonly [K in keyof typeof PRICES]: K extends "region" | "regionName" | "date" ? string : (typeof PRICES)[K] extends number ? number : { readonly [P in keyof (typeof PRICES)[K]]: number };
};

/**
 * The dated table of the regions this repository ships stacks and vaults for (stacks/: dev and log-archive in
 * eu-west-1, prod in us-east-1 with its vault in us-west-2), each dated. AWS-S3-500: prices vary by region; eu-west-1's
 * rates are entered as us-east-1's (not confirmed against the price list: see the entry), and every report names the
 * region and the table's date. AWS-S3-751: us-west-2's rates are entered as us-east-1's, unconfirmed likewise.
 * log-archive's vault region, eu-central-1, is deliberately absent: the rates that could be found for it differ from
 * us-east-1's and could not be confirmed class by class, so its vault is refused rather than priced at another
 * region's rates (AWS-S3-751).
 */
export const REGION_PRICES: Readonly<Record<string, Prices>> = {
    "us-east-1": PRICES,
    "eu-west-1": { ...PRICES, region: "eu-west-1", regionName: "Europe (Ireland)" },
    "us-west-2": { ...PRICES, region: "us-west-2", regionName: "US West (Oregon)" },
};

/** The regions whose rates are entered as another region's, not confirmed against AWS's price list, and the entry saying so. */
export const UNCONFIRMED_RATES: Readonly<Record<string, string>> = {
    "eu-west-1": "eu-west-1's rates are entered as us-east-1's and are not confirmed against AWS's price list (AWS-S3-500)",
    "us-west-2": "us-west-2's rates are entered as us-east-1's and are not confirmed against AWS's price list (AWS-S3-751)",
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

/**
 * The prices of `region` for the vault, which never falls back to another region's: a region the table lacks is
 * refused, naming it (`role` says what the region is to the vault, for the message).
 */
export function vaultPricesFor(region: string, role: string): { prices: Prices } | { refusal: string } {
    const prices = REGION_PRICES[region];
    if (prices) {
        return { prices };
    }
    return {
        refusal: `the price table (tools/cost/prices.ts, ${PRICES.date}) has no prices for ${region}, ${role} (it has ${Object.keys(REGION_PRICES).join(", ")}); the vault is not priced at another region's rates: add ${region}'s rates, with their source, to price it`,
    };
}
