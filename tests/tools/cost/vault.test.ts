import { expect } from "chai";
import { PRICES, REGION_PRICES, UNCONFIRMED_RATES, vaultPricesFor } from "../../../tools/cost/prices";
import { KMS_REQUESTS_PER_REPLICA, REPLICATION_METRICS_PER_RULE, VaultPlan, simulateVault, vaultStorageClassProblem } from "../../../tools/cost/vault";

// 1 GB a month in 1,024 objects of 1 MiB, at us-east-1's table for both regions, one year's retention.
const WORKLOAD = { gbPerMonth: 1, objectsPerMonth: 1024 };
const PLAN: VaultPlan = { storageClass: "DEEP_ARCHIVE", replicationTimeControl: true, retentionDays: 365, kms: { bucketKey: true }, sourcePrices: PRICES, vaultPrices: PRICES };
// A month of one cohort in Deep Archive (AWS-S3-753): (1 GB + 1,024 x 32 KB = 0.03125 GB) x $0.00099
// + 1,024 x 8 KB = 0.0078125 GB at Standard's $0.023 = 0.00102094 + 0.00017969.
const DEEP_ARCHIVE_COHORT_MONTH = 1.03125 * 0.00099 + 0.0078125 * 0.023;

describe("the vault's bill, line by line", () => {
    const month1 = simulateVault(PLAN, WORKLOAD, 1).byMonth[0];
    const lines: { line: string; fact: string; usd: number; expected: number }[] = [
        // One PUT per replica at Deep Archive's $0.05 per 1,000: 1,024 x 0.00005.
        { line: "replication PUTs at the vault class's PUT rate", fact: "AWS-S3-752", usd: month1.replicationRequestUsd, expected: 0.0512 },
        // 1 GB out of the source region at $0.02.
        { line: "inter-region transfer out at the source region's rate", fact: "AWS-S3-754", usd: month1.transferUsd, expected: 0.02 },
        // 1 GB at $0.015.
        { line: "the Replication Time Control data transfer fee", fact: "AWS-S3-755", usd: month1.replicationTimeControlUsd, expected: 0.015 },
        // 4 metrics at $0.30 a metric-month.
        { line: "the replication metrics as CloudWatch custom metrics", fact: "AWS-S3-756", usd: month1.metricsUsd, expected: 1.2 },
        { line: "Deep Archive storage with its 40 KB per object", fact: "AWS-S3-753", usd: month1.storageUsd, expected: DEEP_ARCHIVE_COHORT_MONTH },
        // Bucket Key: ceil(1,024 x 1%) = 11 requests, twice (decrypt, encrypt): 22 x $0.03/10,000 + the vault key's $1.
        { line: "KMS: two requests a replica and the vault key", fact: "AWS-KMS-750", usd: month1.kmsUsd, expected: (22 * 0.03) / 10000 + 1 },
    ];
    for (const { line, fact, usd, expected } of lines) {
        it(`bills ${line} (${fact})`, () => {
            expect(usd).to.be.closeTo(expected, 1e-12);
        });
    }

    it("adds the lines to the month's total and the months to the period's", () => {
        const result = simulateVault(PLAN, WORKLOAD, 3);
        expect(result.byMonth[0].usd).to.be.closeTo(0.0512 + 0.02 + 0.015 + 1.2 + DEEP_ARCHIVE_COHORT_MONTH + 1.000066, 1e-12);
        // Month 2 stores two months' replicas, month 3 three.
        expect(result.byMonth[1].storageUsd).to.be.closeTo(2 * DEEP_ARCHIVE_COHORT_MONTH, 1e-12);
        expect(result.byMonth[2].storageUsd).to.be.closeTo(3 * DEEP_ARCHIVE_COHORT_MONTH, 1e-12);
        expect(result.totalUsd).to.be.closeTo(result.byMonth.reduce((sum, month) => sum + month.usd, 0), 1e-12);
    });

    it("counts the rates and billing rules it relies on as AWS states them (AWS-S3-755, AWS-S3-756, AWS-KMS-750)", () => {
        expect(PRICES.replication).to.deep.equal({ interRegionTransferOutPerGb: 0.02, replicationTimeControlPerGb: 0.015, cloudWatchCustomMetricPerMonth: 0.3 });
        expect(REPLICATION_METRICS_PER_RULE).to.equal(4);
        expect(KMS_REQUESTS_PER_REPLICA).to.equal(2);
        // AWS-S3-755: the same RTC fee in every region of the table.
        for (const prices of Object.values(REGION_PRICES)) {
            expect(prices.replication.replicationTimeControlPerGb, prices.region).to.equal(0.015);
        }
    });

    it("removes the RTC fee with Replication Time Control off, and keeps the metrics the component leaves on (AWS-S3-755, AWS-S3-756)", () => {
        const on = simulateVault(PLAN, WORKLOAD, 6);
        const off = simulateVault({ ...PLAN, replicationTimeControl: false }, WORKLOAD, 6);
        off.byMonth.forEach((month, index) => {
            expect(month.replicationTimeControlUsd).to.equal(0);
            expect(month.metricsUsd).to.equal(1.2);
            expect(on.byMonth[index].usd - month.usd).to.be.closeTo(0.015, 1e-12);
        });
    });

    it("bills no KMS line for a source with SSE-S3", () => {
        for (const month of simulateVault({ ...PLAN, kms: undefined }, WORKLOAD, 3).byMonth) {
            expect(month.kmsUsd).to.equal(0);
        }
    });
});

describe("the vault's storage class, lifecycle and minimum duration", () => {
    // 1 GB in 16,384 objects of 64 KB, one month: each class's storage and PUTs (AWS-S3-752, AWS-S3-753).
    const SMALL = { gbPerMonth: 1, objectsPerMonth: 16384 };
    const classes: { storageClass: VaultPlan["storageClass"]; storageUsd: number; putUsd: number; why: string }[] = [
        { storageClass: "STANDARD", storageUsd: 0.023, putUsd: 16.384 * 0.005, why: "1 GB at $0.023" },
        { storageClass: "STANDARD_IA", storageUsd: 2 * 0.0125, putUsd: 16.384 * 0.01, why: "64 KB billed as 128 KB: 2 GB at $0.0125" },
        { storageClass: "GLACIER_IR", storageUsd: 2 * 0.004, putUsd: 16.384 * 0.02, why: "64 KB billed as 128 KB: 2 GB at $0.004" },
        { storageClass: "GLACIER", storageUsd: 1.5 * 0.0036 + 0.125 * 0.023, putUsd: 16.384 * 0.03, why: "1 GB + 0.5 GB of 32 KB overheads at $0.0036, 0.125 GB of 8 KB at $0.023" },
        { storageClass: "DEEP_ARCHIVE", storageUsd: 1.5 * 0.00099 + 0.125 * 0.023, putUsd: 16.384 * 0.05, why: "1 GB + 0.5 GB at $0.00099, 0.125 GB at $0.023" },
    ];
    for (const { storageClass, storageUsd, putUsd, why } of classes) {
        it(`bills replicas landing in ${storageClass}: ${why}`, () => {
            const [month] = simulateVault({ ...PLAN, storageClass }, SMALL, 1).byMonth;
            expect(month.storageUsd).to.be.closeTo(storageUsd, 1e-12);
            expect(month.replicationRequestUsd).to.be.closeTo(putUsd, 1e-12);
        });
    }

    it("refuses Intelligent-Tiering, naming it", () => {
        expect(vaultStorageClassProblem("INTELLIGENT_TIERING")).to.match(/Intelligent-Tiering/);
        expect(vaultStorageClassProblem("DEEP_ARCHIVE")).to.equal(undefined);
    });

    // AWS-S3-757: a current replica expires at the retention and stays noncurrent as long again.
    const durations: { retentionDays: number; firstCharged?: number; earlyDays: number; storedInMonth8: number; why: string }[] = [
        // 60 days: 120 days in Deep Archive, 60 short of its 180, billed when each cohort leaves (month 5 on); in
        // month 8 only the four youngest cohorts are stored.
        { retentionDays: 60, firstCharged: 5, earlyDays: 60, storedInMonth8: 4, why: "charges the rest of Deep Archive's 180 days when the replicas live 2 x 60 days" },
        // 100 days: 200 days, past the minimum: nothing; in month 8 six cohorts, and the seventh's last 20 days.
        { retentionDays: 100, earlyDays: 0, storedInMonth8: 6 + 20 / 30, why: "charges nothing when 2 x 100 days pass the 180-day minimum" },
    ];
    for (const { retentionDays, firstCharged, earlyDays, storedInMonth8, why } of durations) {
        it(`${why} (AWS-S3-753, AWS-S3-757)`, () => {
            const result = simulateVault({ ...PLAN, retentionDays }, WORKLOAD, 8);
            result.byMonth.forEach((month) => {
                const expected = firstCharged !== undefined && month.month >= firstCharged ? (earlyDays / 30) * DEEP_ARCHIVE_COHORT_MONTH : 0;
                expect(month.minimumDurationUsd, `month ${month.month}`).to.be.closeTo(expected, 1e-12);
            });
            expect(result.byMonth[7].storageUsd).to.be.closeTo(storedInMonth8 * DEEP_ARCHIVE_COHORT_MONTH, 1e-12);
        });
    }

    it("replicates the versions that overwrite objects, and keeps the overwritten replicas only their noncurrent period (AWS-S3-757)", () => {
        // Half of each month's 1,024 objects overwritten: 1,536 replicas and 1.5 GB a month.
        const result = simulateVault({ ...PLAN, retentionDays: 60 }, { ...WORKLOAD, noncurrentFraction: 0.5 }, 6);
        const [first] = result.byMonth;
        expect(first).to.include({ replicas: 1536, replicatedGb: 1.5 });
        expect(first.replicationRequestUsd).to.be.closeTo(1.536 * 0.05, 1e-12);
        expect(first.transferUsd).to.be.closeTo(1.5 * 0.02, 1e-12);
        expect(first.storageUsd).to.be.closeTo(1.5 * DEEP_ARCHIVE_COHORT_MONTH, 1e-12);
        // The overwritten half leaves at day 60, 120 days short (from month 3); the others, a whole month's worth, at
        // day 120, 60 days short (from month 5, next to the third cohort's overwritten half).
        expect(result.byMonth[2].minimumDurationUsd).to.be.closeTo(0.5 * 4 * DEEP_ARCHIVE_COHORT_MONTH, 1e-12);
        expect(result.byMonth[4].minimumDurationUsd).to.be.closeTo((0.5 * 4 + 1 * 2) * DEEP_ARCHIVE_COHORT_MONTH, 1e-12);
    });
});

describe("the vault's prices, by region", () => {
    it("never prices a vault at another region's rates: a region the table lacks is refused, naming it", () => {
        const refused = vaultPricesFor("eu-central-1", "the vault's region (vaultRegion)");
        expect(refused).to.have.property("refusal").that.includes("no prices for eu-central-1, the vault's region (vaultRegion)");
        expect(vaultPricesFor("us-west-2", "the vault's region")).to.deep.equal({ prices: REGION_PRICES["us-west-2"] });
    });

    it("marks us-west-2's rates, entered as us-east-1's, unconfirmed (AWS-S3-751)", () => {
        const { region: _region, regionName, ...rates } = REGION_PRICES["us-west-2"];
        const { region: _east, regionName: _eastName, ...eastRates } = PRICES;
        expect(regionName).to.equal("US West (Oregon)");
        expect(rates).to.deep.equal(eastRates);
        expect(UNCONFIRMED_RATES["us-west-2"]).to.include("AWS-S3-751");
        expect(UNCONFIRMED_RATES["us-east-1"]).to.equal(undefined);
    });
});
