import { PRICES, Prices, StorageClass } from "./prices";

/** Days per month in the model: lifecycle rules count days, bills count months. */
export const DAYS_PER_MONTH = 30;
const KB_PER_GB = 1024 * 1024;

export interface Workload {
    gbPerMonth: number;
    objectsPerMonth: number;
    /** Fraction of each month's objects later overwritten or deleted, leaving a noncurrent version. @default 0 */
    noncurrentFraction?: number;
}

/** A storage plan: where an object lives from which day, and when it expires. */
export interface StoragePlan {
    name: string;
    /** The class objects are written into, and the day-ordered transitions after it. */
    writtenAs: StorageClass;
    transitions: { days: number; storageClass: StorageClass }[];
    expireAfterDays: number;
    noncurrentDays: number;
    /** Objects of this size or smaller stay where they were written. */
    transitionMinObjectBytes: number;
    kms?: { bucketKey: boolean; createsKey: boolean };
    /** The bucket sends its object-level events to EventBridge, billed per event. @default false */
    eventBridgeNotifications?: boolean;
    /** The list prices of the bucket's region. @default PRICES (us-east-1) */
    prices?: Prices;
}

export interface MonthCost {
    month: number;
    usd: number;
    storageUsd: number;
    requestUsd: number;
    minimumDurationUsd: number;
    kmsUsd: number;
    /** EventBridge ingestion of the month's S3 events; 0 when the plan sends none. */
    eventsUsd: number;
    /** The S3 events the month sends to EventBridge; 0 when the plan sends none. */
    events: number;
    gb: Record<StorageClass, number>;
}

export interface CostResult {
    plan: string;
    totalUsd: number;
    /** The S3 events sent to EventBridge over the period. */
    events: number;
    byMonth: MonthCost[];
}

/**
 * The bill of a bucket that starts empty and receives the same workload every month, over `months` months. Each
 * month's objects form a cohort that moves through the plan's classes day by day; a cohort is billed, for each
 * day of a month, at the rate of the class it is in, plus the per-object overheads of archive classes, the request
 * fees of writes and transitions, and the rest of a class's minimum duration when it leaves that class early.
 * With `eventBridgeNotifications`, the same walk counts the events S3 sends for what it does to each cohort:
 * see `cohortEvents`.
 */
export function simulate(plan: StoragePlan, workload: Workload, months: number): CostResult {
    const prices = plan.prices ?? PRICES;
    const objectKb = (workload.gbPerMonth * KB_PER_GB) / workload.objectsPerMonth;
    const objectBytes = objectKb * 1024;
    const moves = objectBytes > plan.transitionMinObjectBytes;
    const path = classPath(plan, moves);
    const byMonth: MonthCost[] = [];
    for (let month = 0; month < months; month++) {
        const cost: MonthCost = { month: month + 1, usd: 0, storageUsd: 0, requestUsd: 0, minimumDurationUsd: 0, kmsUsd: 0, eventsUsd: 0, events: 0, gb: { STANDARD: 0, STANDARD_IA: 0, GLACIER_IR: 0, GLACIER: 0, DEEP_ARCHIVE: 0 } };
        cost.requestUsd += (workload.objectsPerMonth / 1000) * prices.putPer1000[plan.writtenAs];
        for (let cohort = 0; cohort <= month; cohort++) {
            const start = (month - cohort) * DAYS_PER_MONTH;
            cost.events += plan.eventBridgeNotifications ? cohortEvents(plan, path, workload, start) : 0;
            for (const stay of path) {
                const from = Math.max(stay.from, start);
                const to = Math.min(stay.to, start + DAYS_PER_MONTH);
                if (to > from) {
                    const fraction = (to - from) / DAYS_PER_MONTH;
                    const billedGb = billedGbPerMonth(prices, stay.storageClass, workload, objectKb);
                    cost.storageUsd += fraction * billedGb.storageUsd;
                    cost.gb[stay.storageClass] += fraction * workload.gbPerMonth;
                }
                // Entering a class by lifecycle costs a transition request per object.
                if (entersByTransition(plan, stay) && inCohortMonth(stay.from, start)) {
                    cost.requestUsd += (workload.objectsPerMonth / 1000) * prices.transitionPer1000[stay.storageClass as Exclude<StorageClass, "STANDARD">];
                }
                // Leaving a class before its minimum duration bills the rest of it, on the day it leaves.
                const early = prices.minimumStorageDays[stay.storageClass] - (stay.to - stay.from);
                if (early > 0 && inCohortMonth(stay.to, start)) {
                    cost.minimumDurationUsd += (early / DAYS_PER_MONTH) * billedGbPerMonth(prices, stay.storageClass, workload, objectKb).storageUsd;
                }
            }
            // Noncurrent versions stay in Standard until they expire.
            const noncurrent = workload.noncurrentFraction ?? 0;
            if (noncurrent > 0) {
                const overlap = Math.min(plan.noncurrentDays, start + DAYS_PER_MONTH) - Math.max(0, start);
                if (overlap > 0) {
                    cost.storageUsd += (overlap / DAYS_PER_MONTH) * noncurrent * workload.gbPerMonth * prices.storagePerGbMonth.STANDARD;
                }
            }
        }
        if (plan.kms) {
            cost.kmsUsd = (kmsRequests(workload.objectsPerMonth, plan.kms.bucketKey) / 10000) * prices.kms.per10000Requests + (plan.kms.createsKey ? prices.kms.keyPerMonth : 0);
        }
        cost.eventsUsd = (cost.events / 1_000_000) * prices.eventBridge.optInDataEventsPerMillion;
        cost.usd = cost.storageUsd + cost.requestUsd + cost.minimumDurationUsd + cost.kmsUsd + cost.eventsUsd;
        byMonth.push(cost);
    }
    return {
        plan: plan.name,
        totalUsd: byMonth.reduce((sum, month) => sum + month.usd, 0),
        events: byMonth.reduce((sum, month) => sum + month.events, 0),
        byMonth,
    };
}

/**
 * The events S3 sends to EventBridge, in the month a cohort is `start` to `start + 30` days old, for a versioned
 * bucket (the component always enables versioning), as the S3 User Guide's "Using EventBridge" list has them:
 * - `Object Created` for each write, on day 0;
 * - `Object Storage Class Changed` for each lifecycle transition, on the day the request fee is billed;
 * - `Object Deleted` (reason `Lifecycle Expiration`, a delete marker created) when the retention expires the
 *   current version, and again (permanently deleted) when the noncurrent version it leaves expires after its own
 *   period;
 * - for the workload's overwritten or deleted objects, one event for the overwrite or delete (`Object Created` or
 *   `Object Deleted`), and one when lifecycle permanently deletes the noncurrent version it left.
 * Not counted: the removal of the expired delete markers, which the guide does not list as an event, and restores,
 * tag and ACL changes, which the workload does not make.
 */
export function cohortEvents(plan: StoragePlan, path: Stay[], workload: Workload, start: number): number {
    const inMonth = (day: number): boolean => inCohortMonth(day, start);
    const objects = workload.objectsPerMonth;
    const replaced = objects * (workload.noncurrentFraction ?? 0);
    let events = inMonth(0) ? objects + replaced : 0;
    for (const stay of path) {
        if (entersByTransition(plan, stay) && inMonth(stay.from)) {
            events += objects;
        }
    }
    if (inMonth(plan.expireAfterDays)) {
        events += objects;
    }
    if (inMonth(plan.expireAfterDays + plan.noncurrentDays)) {
        events += objects;
    }
    if (replaced > 0 && inMonth(plan.noncurrentDays)) {
        events += replaced;
    }
    return events;
}

/**
 * S3 Bucket Key: S3 asks KMS for a bucket-level key and derives object keys from it, instead of one KMS call per
 * object. AWS states a reduction of up to 99%; the model assumes that reduction for a steady log writer.
 */
export const BUCKET_KEY_REQUEST_REDUCTION = 0.99;

export function kmsRequests(objects: number, bucketKey: boolean): number {
    // The epsilon keeps floating-point noise (1e6 x 0.01 = 10000.000000000002) from adding a request.
    return bucketKey ? Math.ceil(objects * (1 - BUCKET_KEY_REQUEST_REDUCTION) - 1e-9) : objects;
}

export interface Stay {
    storageClass: StorageClass;
    from: number;
    to: number;
}

/** Whether a cohort's day `day` (of its life) falls in the month that starts on its day `start`. */
function inCohortMonth(day: number, start: number): boolean {
    return day >= start && day < start + DAYS_PER_MONTH;
}

/** Whether an object enters this stay by a lifecycle transition (billed as a request, and an event). */
function entersByTransition(plan: StoragePlan, stay: Stay): boolean {
    return stay.from > 0 && stay.storageClass !== plan.writtenAs;
}

/** The classes an object passes through, with the days it enters and leaves each; expiry ends the last. */
export function classPath(plan: StoragePlan, moves: boolean): Stay[] {
    const steps = [{ days: 0, storageClass: plan.writtenAs }, ...(moves ? plan.transitions : [])].filter((step) => step.days < plan.expireAfterDays);
    return steps.map((step, index) => ({
        storageClass: step.storageClass,
        from: step.days,
        to: index + 1 < steps.length ? steps[index + 1].days : plan.expireAfterDays,
    }));
}

/** What a month of one cohort costs in a class, with the per-object overheads and minimum billable sizes. */
export function billedGbPerMonth(prices: Prices, storageClass: StorageClass, workload: Workload, objectKb: number): { storageUsd: number } {
    const rate = prices.storagePerGbMonth[storageClass];
    if (storageClass === "GLACIER" || storageClass === "DEEP_ARCHIVE") {
        const overheadArchiveGb = (workload.objectsPerMonth * prices.archiveOverheadKb.atArchiveRate) / KB_PER_GB;
        const overheadStandardGb = (workload.objectsPerMonth * prices.archiveOverheadKb.atStandardRate) / KB_PER_GB;
        return { storageUsd: (workload.gbPerMonth + overheadArchiveGb) * rate + overheadStandardGb * prices.storagePerGbMonth.STANDARD };
    }
    if (storageClass === "GLACIER_IR" || storageClass === "STANDARD_IA") {
        // AWS-S3-753: both bill an object under 128 KB as 128 KB.
        const billedKb = Math.max(objectKb, prices.minimumBillableKb);
        return { storageUsd: ((workload.objectsPerMonth * billedKb) / KB_PER_GB) * rate };
    }
    return { storageUsd: workload.gbPerMonth * rate };
}
