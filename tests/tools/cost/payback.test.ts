import { expect } from "chai";
import { StoragePlan } from "../../../tools/cost/model";
import { archivingVerdict } from "../../../tools/cost/payback";
import { DEFAULT_WORKLOAD, costReport } from "../../../tools/cost/report";
import { REPO_ROOT } from "../../../tools/offline/plan";
import { listStacks } from "../../../tools/stackConfig";

const BASE: StoragePlan = { name: "plan", writtenAs: "STANDARD", transitions: [], expireAfterDays: 365, noncurrentDays: 30, transitionMinObjectBytes: 0 };

describe("whether archiving pays for itself", () => {
    it("flags Glacier Instant Retrieval at day 90 for 105 KB files kept one year, naming that tier", () => {
        // $2 of transition fees per 100,000 files; about $0.18 a month saved per month's files: 11 months to repay,
        // and the files expire 9 months after the transition.
        const verdict = archivingVerdict({ ...BASE, transitions: [{ days: 90, storageClass: "GLACIER_IR" }] }, DEFAULT_WORKLOAD, 12);
        expect(verdict.paysForItself).to.equal(false);
        expect(verdict.tiersThatDoNotPay).to.deep.equal(["GLACIER_IR@90d"]);
        expect(verdict.archivingUsd).to.be.greaterThan(verdict.standardOnlyUsd);
    });

    it("passes the same tier when the files are kept seven years", () => {
        const verdict = archivingVerdict({ ...BASE, expireAfterDays: 2555, transitions: [{ days: 90, storageClass: "GLACIER_IR" }] }, DEFAULT_WORKLOAD, 84);
        expect(verdict).to.deep.include({ paysForItself: true, tiersThatDoNotPay: [] });
        expect(verdict.archivingUsd).to.be.lessThan(verdict.standardOnlyUsd);
    });

    it("names only the tier that does not pay when an earlier one does", () => {
        // 1 MiB files: Glacier at day 30 pays; Deep Archive at day 300 of a 365-day retention does not repay its fee
        // and its 180-day minimum before expiry.
        const plan = { ...BASE, transitions: [{ days: 30, storageClass: "GLACIER" as const }, { days: 300, storageClass: "DEEP_ARCHIVE" as const }] };
        const verdict = archivingVerdict(plan, { gbPerMonth: 10, objectsPerMonth: 10240 }, 12);
        expect(verdict.tiersThatDoNotPay).to.deep.equal(["DEEP_ARCHIVE@300d"]);
        expect(verdict.paysForItself).to.equal(true);
    });

    it("never lets a shipped stack pay more for archiving than for keeping everything in Standard, under the default workload", () => {
        const stacks = listStacks(REPO_ROOT);
        expect(stacks).to.include.members(["dev", "prod", "log-archive"]);
        for (const stack of stacks) {
            const { archiving } = costReport({ root: REPO_ROOT, stack });
            expect(archiving, stack).to.deep.include({ paysForItself: true, tiersThatDoNotPay: [] });
        }
    });
});
