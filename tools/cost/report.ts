import { argsFromStackConfig, CONFIG_NAMESPACE } from "../../components/config";
import { AuditLogBucketSettings, resolveSettings } from "../../components/settings";
import { AuditLogBucketArgsError } from "../../components/validation";
import { identityFromConfig } from "../offline/plan";
import { loadStackConfig } from "../stackConfig";
import { MonthCost, Workload, kmsRequests, simulate } from "./model";
import { ArchivingVerdict, archivingVerdict } from "./payback";
import { alternativePlans, stackPlan } from "./plans";
import { pricesFor } from "./prices";

/** The workload `npm run cost` models when none is given: 10 GB a month in 100,000 objects (about 105 KB each). */
export const DEFAULT_WORKLOAD: Required<Workload> = { gbPerMonth: 10, objectsPerMonth: 100_000, noncurrentFraction: 0 };

export interface CostOptions {
    root: string;
    stack: string;
    workload?: Partial<Workload>;
    /** @default the stack's retention, rounded up to whole years */
    years?: number;
    /** `namespace:key=value` config overrides, as `pulumi preview -c` takes them. @default none */
    configOverrides?: readonly string[];
}

export interface CostReport {
    stack: string;
    /** The list prices used: the stack's region's, or us-east-1's with a note saying the table has none for it. */
    prices: { region: string; regionName: string; date: string; stackRegion: string; note?: string };
    workload: Required<Workload> & { averageObjectKb: number; years: number; months: number };
    lifecycle: AuditLogBucketSettings["lifecycle"];
    tiers: string[];
    totalUsd: number;
    byMonth: MonthCost[];
    alternatives: { name: string; totalUsd: number }[];
    /** Whether this stack's archive tiers pay for themselves under the workload; flagged when they do not. */
    archiving: ArchivingVerdict;
    kmsRequests: { withBucketKey: number; withoutBucketKey: number };
    /** The S3 events the bucket sends to EventBridge over the period, and their bill: none when the stack turns them off. */
    eventBridge: { enabled: boolean; events: number; usd: number };
    settings: AuditLogBucketSettings;
}

/** The modelled bill of one stack's bucket, from its config file, and how it compares. */
export function costReport(options: CostOptions): CostReport {
    const stack = loadStackConfig(options.root, options.stack, options.configOverrides ?? []);
    const identity = identityFromConfig(stack);
    const { args, problems } = argsFromStackConfig((key) => stack.config[`${CONFIG_NAMESPACE}:${key}`], stack.config["aws:region"], identity.accountId, stack.config);
    if (problems.length > 0) {
        throw new AuditLogBucketArgsError("audit-logs", problems);
    }
    const settings = resolveSettings("audit-logs", args);
    const workload: Required<Workload> = { ...DEFAULT_WORKLOAD, ...options.workload };
    const years = options.years ?? Math.ceil(settings.lifecycle.retentionDays / 365);
    const months = Math.round(years * 12);
    const averageObjectKb = (workload.gbPerMonth * 1024 * 1024) / workload.objectsPerMonth;
    const region = stack.config["aws:region"];
    const { prices, note } = pricesFor(region);
    const plan = { ...stackPlan(settings, averageObjectKb * 1024), prices };
    const result = simulate(plan, workload, months);
    const alternatives = alternativePlans(settings, averageObjectKb * 1024).map((alternative) => ({ ...alternative, prices })).map((alternative) => ({ name: alternative.name, totalUsd: round(simulate(alternative, workload, months).totalUsd) }));
    const archiving = archivingVerdict(plan, workload, months);
    return {
        stack: stack.stack,
        prices: { region: prices.region, regionName: prices.regionName, date: prices.date, stackRegion: region, ...(note ? { note } : {}) },
        workload: { ...workload, averageObjectKb: round(averageObjectKb), years, months },
        lifecycle: settings.lifecycle,
        tiers: ["STANDARD", ...plan.transitions.map((transition) => `${transition.storageClass}@${transition.days}d`)],
        totalUsd: round(result.totalUsd),
        byMonth: result.byMonth.map((month) => ({
            ...month,
            usd: round(month.usd),
            storageUsd: round(month.storageUsd),
            requestUsd: round(month.requestUsd),
            minimumDurationUsd: round(month.minimumDurationUsd),
            kmsUsd: round(month.kmsUsd),
            eventsUsd: round(month.eventsUsd),
            events: Math.round(month.events),
        })),
        alternatives,
        archiving: { ...archiving, archivingUsd: round(archiving.archivingUsd), standardOnlyUsd: round(archiving.standardOnlyUsd) },
        kmsRequests: { withBucketKey: kmsRequests(workload.objectsPerMonth, true) * months, withoutBucketKey: kmsRequests(workload.objectsPerMonth, false) * months },
        eventBridge: {
            enabled: settings.eventBridgeNotifications,
            events: Math.round(result.events),
            usd: round(result.byMonth.reduce((sum, month) => sum + month.eventsUsd, 0)),
        },
        settings,
    };
}

function round(value: number): number {
    return Math.round(value * 100) / 100;
}
