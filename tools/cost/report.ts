import { argsFromStackConfig, CONFIG_NAMESPACE } from "../../components/config";
import { AuditLogBucketSettings, resolveSettings } from "../../components/settings";
import { AuditLogBucketArgsError } from "../../components/validation";
import { identityFromConfig } from "../offline/plan";
import { loadStackConfig } from "../stackConfig";
import { MonthCost, Workload, kmsRequests, simulate } from "./model";
import { ArchivingVerdict, archivingVerdict } from "./payback";
import { alternativePlans, stackPlan } from "./plans";
import { Prices, UNCONFIRMED_RATES, pricesFor, vaultPricesFor } from "./prices";
import { VaultMonth, simulateVault, vaultStorageClassProblem } from "./vault";

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
    /** The second copy, when the stack has a vault: priced at its region's rates, or refused naming what is missing. */
    vault?: VaultCost | VaultRefused;
    /** The bucket's total plus the vault's; absent when the stack has no vault or its vault is refused. */
    totalWithVaultUsd?: number;
    settings: AuditLogBucketSettings;
}

/** Which table priced a part of the vault: the region, its name and the table's date, and a note when unconfirmed. */
export interface PricesUsed {
    region: string;
    regionName: string;
    date: string;
    note?: string;
}

/** One line of the vault's bill over the period, with the fact that says how AWS bills it. */
export interface VaultLine {
    name: string;
    usd: number;
    fact: string;
}

export interface VaultCost {
    priced: true;
    region: string;
    storageClass: string;
    replicationTimeControl: boolean;
    /** How long a replica stays: current until the retention, then noncurrent as long again (AWS-S3-757). */
    replicaDays: { current: number; noncurrent: number };
    /** The vault's region's table (requests, storage, minimum durations, the vault key). */
    prices: PricesUsed;
    /** The source bucket's region's table (inter-region transfer, RTC, replication metrics). */
    transferPrices: PricesUsed;
    /** The vault's bill in the period's first and last month. */
    monthlyUsd: { first: number; last: number };
    totalUsd: number;
    lines: VaultLine[];
    byMonth: VaultMonth[];
}

export interface VaultRefused {
    priced: false;
    region: string;
    storageClass: string;
    /** Why the vault is not priced, naming the region or class. */
    refusal: string;
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
    const vault = settings.vault ? vaultCost(settings, region, workload, months) : undefined;
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
        ...(vault ? { vault } : {}),
        ...(vault?.priced ? { totalWithVaultUsd: round(result.totalUsd + vault.totalUsd) } : {}),
        settings,
    };
}

function pricesUsed(prices: Prices): PricesUsed {
    const note = UNCONFIRMED_RATES[prices.region];
    return { region: prices.region, regionName: prices.regionName, date: prices.date, ...(note ? { note } : {}) };
}

/** The vault's bill at its own region's rates (and the source region's for what leaves it), or why it is refused. */
function vaultCost(settings: AuditLogBucketSettings, sourceRegion: string, workload: Required<Workload>, months: number): VaultCost | VaultRefused {
    const vault = settings.vault as NonNullable<AuditLogBucketSettings["vault"]>;
    const refused = (refusal: string): VaultRefused => ({ priced: false, region: vault.region, storageClass: vault.storageClass, refusal });
    const classProblem = vaultStorageClassProblem(vault.storageClass);
    if (classProblem !== undefined) {
        return refused(`vaultStorageClass ${vault.storageClass}: ${classProblem}`);
    }
    const vaultPrices = vaultPricesFor(vault.region, "the vault's region (vaultRegion)");
    if ("refusal" in vaultPrices) {
        return refused(vaultPrices.refusal);
    }
    const sourcePrices = vaultPricesFor(sourceRegion, "the bucket's region, whose rate bills the inter-region transfer");
    if ("refusal" in sourcePrices) {
        return refused(sourcePrices.refusal);
    }
    const storageClass = vault.storageClass as Exclude<typeof vault.storageClass, "INTELLIGENT_TIERING">;
    const retentionDays = settings.lifecycle.retentionDays;
    const result = simulateVault(
        {
            storageClass,
            replicationTimeControl: vault.replicationTimeControl,
            retentionDays,
            kms: settings.encryption === "SSE_KMS" ? { bucketKey: true } : undefined,
            sourcePrices: sourcePrices.prices,
            vaultPrices: vaultPrices.prices,
        },
        workload,
        months,
    );
    const total = (field: Exclude<keyof VaultMonth, "month" | "usd" | "replicas" | "replicatedGb">): number => round(result.byMonth.reduce((sum, month) => sum + month[field], 0));
    const where = `${vault.region}, ${storageClass}`;
    const lines: VaultLine[] = [
        { name: `replication PUT requests (${where} PUT rate)`, usd: total("replicationRequestUsd"), fact: "AWS-S3-752" },
        { name: `inter-region data transfer out (${sourceRegion} to ${vault.region})`, usd: total("transferUsd"), fact: "AWS-S3-754" },
        ...(vault.replicationTimeControl ? [{ name: "Replication Time Control data transfer", usd: total("replicationTimeControlUsd"), fact: "AWS-S3-755" }] : []),
        { name: "replication metrics (CloudWatch custom metrics)", usd: total("metricsUsd"), fact: "AWS-S3-756" },
        { name: `storage (${where})`, usd: total("storageUsd"), fact: "AWS-S3-753" },
        { name: `minimum storage duration (${storageClass})`, usd: total("minimumDurationUsd"), fact: "AWS-S3-753" },
        ...(settings.encryption === "SSE_KMS" ? [{ name: "KMS: the vault key and replication's requests", usd: total("kmsUsd"), fact: "AWS-KMS-750" }] : []),
    ];
    const roundMonth = (month: VaultMonth): VaultMonth => ({
        ...month,
        usd: round(month.usd),
        replicationRequestUsd: round(month.replicationRequestUsd),
        transferUsd: round(month.transferUsd),
        replicationTimeControlUsd: round(month.replicationTimeControlUsd),
        metricsUsd: round(month.metricsUsd),
        storageUsd: round(month.storageUsd),
        minimumDurationUsd: round(month.minimumDurationUsd),
        kmsUsd: round(month.kmsUsd),
    });
    return {
        priced: true,
        region: vault.region,
        storageClass,
        replicationTimeControl: vault.replicationTimeControl,
        replicaDays: { current: retentionDays, noncurrent: retentionDays },
        prices: pricesUsed(vaultPrices.prices),
        transferPrices: pricesUsed(sourcePrices.prices),
        monthlyUsd: { first: round(result.byMonth[0].usd), last: round(result.byMonth[result.byMonth.length - 1].usd) },
        totalUsd: round(result.totalUsd),
        lines,
        byMonth: result.byMonth.map(roundMonth),
    };
}

function round(value: number): number {
    return Math.round(value * 100) / 100;
}
