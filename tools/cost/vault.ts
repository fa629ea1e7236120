import type { VaultStorageClass } from "../../components/vault/settings";
import { MonthCost, StoragePlan, Workload, kmsRequests, simulate } from "./model";
import type { Prices, StorageClass } from "./prices";

/** The replication metrics S3 publishes for each rule (AWS-S3-756): bytes and operations pending, latency, operations failed. */
export const REPLICATION_METRICS_PER_RULE = 4;

/**
 * KMS requests S3 Replication makes per replicated object of an SSE-KMS bucket: one to decrypt it with the source key,
 * one to encrypt the replica with the vault's key (AWS-KMS-750). Both keys are used through an S3 Bucket Key.
 */
export const KMS_REQUESTS_PER_REPLICA = 2;

/** The vault as the cost model sees it: where replicas land, for how long, and which rates bill them. */
export interface VaultPlan {
    /** The class replicas are written into; Intelligent-Tiering is not modelled (see `vaultStorageClassProblem`). */
    storageClass: StorageClass;
    /** S3 Replication Time Control: a per-GB fee on every replicated byte (AWS-S3-755). */
    replicationTimeControl: boolean;
    /**
     * The vault's lifecycle: a current replica expires `retentionDays` after the source object was created, which
     * leaves it noncurrent behind a delete marker for another `retentionDays` (AWS-S3-757).
     */
    retentionDays: number;
    /** With SSE-KMS on the source: the vault has its own key (its monthly fee) and replication calls KMS. */
    kms?: { bucketKey: boolean };
    /** The rates of the source bucket's region: inter-region transfer, RTC and the replication metrics. */
    sourcePrices: Prices;
    /** The rates of the vault's region: replication PUTs, storage, minimum durations and the vault key. */
    vaultPrices: Prices;
}

export interface VaultMonth {
    month: number;
    usd: number;
    /** One PUT per replica, at the vault class's PUT rate in the vault's region (AWS-S3-752). */
    replicationRequestUsd: number;
    /** Inter-region Data Transfer OUT of every replicated byte, at the source region's rate (AWS-S3-754). */
    transferUsd: number;
    /** The Replication Time Control data transfer fee; 0 with RTC off (AWS-S3-755). */
    replicationTimeControlUsd: number;
    /** The rule's replication metrics as CloudWatch custom metrics (AWS-S3-756). */
    metricsUsd: number;
    /** Replicas in the vault's class, with its per-object overheads and minimum billable size (AWS-S3-753). */
    storageUsd: number;
    /** The rest of the class's minimum duration, for replicas deleted earlier (AWS-S3-753). */
    minimumDurationUsd: number;
    /** The vault key's monthly fee and the replication's KMS requests; 0 with SSE-S3 (AWS-KMS-750). */
    kmsUsd: number;
    /** Replicas written this month. */
    replicas: number;
    /** GB replicated this month. */
    replicatedGb: number;
}

export interface VaultResult {
    totalUsd: number;
    byMonth: VaultMonth[];
}

/**
 * What the second copy costs over `months`, for a source bucket that receives `workload` every month. Every version
 * the source gets is replicated: the month's objects, and the versions that overwrite a `noncurrentFraction` of them
 * (AWS-S3-206: delete markers are not). A replica that stays current lives `2 x retentionDays` in the vault (expired
 * at `retentionDays`, then kept noncurrent as long again); a replica whose source object was overwritten becomes
 * noncurrent then and lives `retentionDays`. Both are walked month by month by the bucket's own model (`simulate`),
 * as objects written into the vault's class that never transition; transfer, RTC, metrics and KMS are added per
 * month.
 */
export function simulateVault(plan: VaultPlan, workload: Workload, months: number): VaultResult {
    const overwritten = workload.noncurrentFraction ?? 0;
    const cohort = (share: number, lifeDays: number): MonthCost[] => {
        if (share === 0) {
            return [];
        }
        const storagePlan: StoragePlan = {
            name: "vault replicas",
            writtenAs: plan.storageClass,
            transitions: [],
            expireAfterDays: lifeDays,
            noncurrentDays: 0,
            transitionMinObjectBytes: 0,
            prices: plan.vaultPrices,
        };
        return simulate(storagePlan, { gbPerMonth: workload.gbPerMonth * share, objectsPerMonth: workload.objectsPerMonth * share }, months).byMonth;
    };
    // The replicas of the month's objects that stay current, of those overwritten (noncurrent from then on), and of
    // the versions overwriting them.
    const groupsByLife = [cohort(1 - overwritten, 2 * plan.retentionDays), cohort(overwritten, plan.retentionDays), cohort(overwritten, 2 * plan.retentionDays)];
    const replicas = workload.objectsPerMonth * (1 + overwritten);
    const replicatedGb = workload.gbPerMonth * (1 + overwritten);
    const { replication } = plan.sourcePrices;
    const byMonth: VaultMonth[] = Array.from({ length: months }, (_, index) => {
        const groups = groupsByLife.map((group) => group[index]).filter((group): group is MonthCost => group !== undefined);
        const sum = (field: "storageUsd" | "minimumDurationUsd"): number => groups.reduce((total, group) => total + group[field], 0);
        // Storage comes from the walk; the PUTs are counted here, once a replica (the walk's groups split the
        // overwritten versions by how long they live, not by how often they are written).
        const replicationRequestUsd = (replicas / 1000) * plan.vaultPrices.putPer1000[plan.storageClass];
        const month: VaultMonth = {
            month: index + 1,
            usd: 0,
            replicationRequestUsd,
            transferUsd: replicatedGb * replication.interRegionTransferOutPerGb,
            replicationTimeControlUsd: plan.replicationTimeControl ? replicatedGb * replication.replicationTimeControlPerGb : 0,
            metricsUsd: REPLICATION_METRICS_PER_RULE * replication.cloudWatchCustomMetricPerMonth,
            storageUsd: sum("storageUsd"),
            minimumDurationUsd: sum("minimumDurationUsd"),
            kmsUsd: plan.kms ? (KMS_REQUESTS_PER_REPLICA * kmsRequests(replicas, plan.kms.bucketKey) / 10000) * plan.vaultPrices.kms.per10000Requests + plan.vaultPrices.kms.keyPerMonth : 0,
            replicas,
            replicatedGb,
        };
        month.usd = month.replicationRequestUsd + month.transferUsd + month.replicationTimeControlUsd + month.metricsUsd + month.storageUsd + month.minimumDurationUsd + month.kmsUsd;
        return month;
    });
    return { totalUsd: byMonth.reduce((total, month) => total + month.usd, 0), byMonth };
}

/** The vault classes the model prices, and why the others are refused. */
export function vaultStorageClassProblem(storageClass: VaultStorageClass): string | undefined {
    if (storageClass === "INTELLIGENT_TIERING") {
        return "the cost model does not price S3 Intelligent-Tiering (its monitoring fee and access tiers depend on reads it cannot know)";
    }
    return undefined;
}
