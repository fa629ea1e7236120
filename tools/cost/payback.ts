import { StoragePlan, Workload, simulate } from "./model";

/** Whether a plan's archive tiers pay for themselves against keeping every object in S3 Standard. */
export interface ArchivingVerdict {
    /** The plan's total over the period. */
    archivingUsd: number;
    /**
     * The same objects, retention, encryption and EventBridge notifications, never leaving S3 Standard: a tier's
     * transitions are then judged with the `Object Storage Class Changed` events they send.
     */
    standardOnlyUsd: number;
    /** False when archiving costs more than not archiving. */
    paysForItself: boolean;
    /**
     * The tiers (`<class>@<day>d`) whose transition costs more than it saves before the objects expire: each is
     * compared with the same plan stopped just before it, so a tier is judged on what it adds.
     */
    tiersThatDoNotPay: string[];
}

/** Half a cent: the model's totals are rounded to cents, and a tier that merely breaks even is not flagged. */
const TOLERANCE_USD = 0.005;

export function archivingVerdict(plan: StoragePlan, workload: Workload, months: number): ArchivingVerdict {
    const total = (transitions: StoragePlan["transitions"]): number => simulate({ ...plan, transitions }, workload, months).totalUsd;
    const archivingUsd = total(plan.transitions);
    const standardOnlyUsd = total([]);
    const tiersThatDoNotPay = plan.transitions
        .filter((_, index) => total(plan.transitions.slice(0, index + 1)) > total(plan.transitions.slice(0, index)) + TOLERANCE_USD)
        .map((tier) => `${tier.storageClass}@${tier.days}d`);
    return { archivingUsd, standardOnlyUsd, paysForItself: archivingUsd <= standardOnlyUsd + TOLERANCE_USD, tiersThatDoNotPay };
}
