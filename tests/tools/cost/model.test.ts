import { expect } from "chai";
import { StoragePlan, classPath, kmsRequests, simulate } from "../../../tools/cost/model";

const STANDARD_ONLY: StoragePlan = { name: "standard", writtenAs: "STANDARD", transitions: [], expireAfterDays: 1000, noncurrentDays: 30, transitionMinObjectBytes: 0 };
const GLACIER_AT_30: StoragePlan = { ...STANDARD_ONLY, name: "glacier", transitions: [{ days: 30, storageClass: "GLACIER" }] };

describe("the cost model", () => {
    it("bills Standard storage and PUTs for a bucket filling up", () => {
        // 1 GB and 1,000 objects a month, Standard only.
        // Month 1: 1 GB x $0.023 + 1,000 PUTs x $0.005/1,000 = 0.023 + 0.005 = 0.028.
        // Month 2: 2 GB x $0.023 + 0.005 = 0.051. Total 0.079.
        const result = simulate(STANDARD_ONLY, { gbPerMonth: 1, objectsPerMonth: 1000 }, 2);
        expect(result.byMonth[0].usd).to.be.closeTo(0.028, 1e-9);
        expect(result.byMonth[1].usd).to.be.closeTo(0.051, 1e-9);
        expect(result.totalUsd).to.be.closeTo(0.079, 1e-9);
    });

    it("bills a Glacier transition, the archive overhead and the new class's rate", () => {
        // 1 GB in 1,024 objects of 1 MiB, to Glacier at day 30.
        // Month 1: Standard 0.023 + PUT 1,024 x 0.005/1,000 = 0.00512 → 0.02812.
        // Month 2, first cohort in Glacier: (1 GB + 1,024 x 32 KB = 0.03125 GB) x 0.0036 = 0.0037125,
        //   plus 1,024 x 8 KB = 0.0078125 GB at Standard's 0.023 = 0.000179688 → 0.003892188;
        //   transition 1,024 x 0.03/1,000 = 0.03072; second cohort Standard 0.023; PUT 0.00512 → 0.062732188.
        const result = simulate(GLACIER_AT_30, { gbPerMonth: 1, objectsPerMonth: 1024 }, 2);
        expect(result.byMonth[0].usd).to.be.closeTo(0.02812, 1e-9);
        expect(result.byMonth[1].usd).to.be.closeTo(0.062732188, 1e-8);
        expect(result.byMonth[1].requestUsd).to.be.closeTo(0.03072 + 0.00512, 1e-9);
        expect(result.byMonth[1].gb).to.deep.include({ STANDARD: 1, GLACIER: 1 });
    });

    it("bills the rest of Glacier's 90-day minimum when objects expire after 30 days there", () => {
        // Glacier from day 30, expiry at day 60: 30 days in Glacier, 60 days short of the minimum, billed in
        // month 3 at the month rate 0.003892188 (previous test) x 60/30 = 0.007784375.
        const result = simulate({ ...GLACIER_AT_30, expireAfterDays: 60 }, { gbPerMonth: 1, objectsPerMonth: 1024 }, 3);
        expect(result.byMonth[2].minimumDurationUsd).to.be.closeTo(0.007784375, 1e-8);
        expect(result.byMonth[0].minimumDurationUsd).to.equal(0);
    });

    it("bills Glacier Instant Retrieval objects below 128 KB as 128 KB", () => {
        // 1 GB in 16,384 objects of 64 KB, billed as 128 KB: 2 GB x $0.004 = 0.008 a month, from day 0.
        const plan: StoragePlan = { ...STANDARD_ONLY, writtenAs: "GLACIER_IR" };
        const result = simulate(plan, { gbPerMonth: 1, objectsPerMonth: 16384 }, 1);
        expect(result.byMonth[0].storageUsd).to.be.closeTo(0.008, 1e-12);
        // PUTs into Instant Retrieval cost $0.02/1,000: 16,384 x 0.00002 = 0.32768.
        expect(result.byMonth[0].requestUsd).to.be.closeTo(0.32768, 1e-9);
    });

    it("leaves objects at or below the size threshold where they were written", () => {
        const path = classPath({ ...GLACIER_AT_30, transitionMinObjectBytes: 131072 }, false);
        expect(path).to.deep.equal([{ storageClass: "STANDARD", from: 0, to: 1000 }]);
        const small = simulate({ ...GLACIER_AT_30, transitionMinObjectBytes: 131072 }, { gbPerMonth: 1, objectsPerMonth: 1024 * 1024 }, 2);
        expect(small.byMonth[1].gb.GLACIER).to.equal(0);
    });

    it("counts KMS requests with and without Bucket Key, and the key's monthly fee", () => {
        // 1,000,000 PUTs: 1,000,000 requests without Bucket Key ($3.00), 1% of that with it: 10,000 ($0.03).
        expect(kmsRequests(1_000_000, false)).to.equal(1_000_000);
        expect(kmsRequests(1_000_000, true)).to.equal(10_000);
        const withKey = simulate({ ...STANDARD_ONLY, kms: { bucketKey: true, createsKey: true } }, { gbPerMonth: 1, objectsPerMonth: 1_000_000 }, 1);
        expect(withKey.byMonth[0].kmsUsd).to.be.closeTo(0.03 + 1, 1e-9);
        const withoutBucketKey = simulate({ ...STANDARD_ONLY, kms: { bucketKey: false, createsKey: false } }, { gbPerMonth: 1, objectsPerMonth: 1_000_000 }, 1);
        expect(withoutBucketKey.byMonth[0].kmsUsd).to.be.closeTo(3, 1e-9);
    });

    it("keeps noncurrent versions in Standard for their period", () => {
        // Half of 1 GB becomes noncurrent, kept 30 days: 0.5 GB x 0.023 = 0.0115 in month 1 only.
        const result = simulate(STANDARD_ONLY, { gbPerMonth: 1, objectsPerMonth: 1000, noncurrentFraction: 0.5 }, 2);
        expect(result.byMonth[0].storageUsd).to.be.closeTo(0.023 + 0.0115, 1e-9);
        expect(result.byMonth[1].storageUsd).to.be.closeTo(0.046 + 0.0115, 1e-9);
    });
});
