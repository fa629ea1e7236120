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

describe("whether archiving pays for itself, with the EventBridge events counted", () => {
    const OFF = ["audit-log-bucket:eventBridgeNotifications=false"];
    // Each transition sends one event ($1.00 a million), next to its $20-$50 a million request fee: it moves no
    // verdict. prod and log-archive: $524.18 against $955.75 with events, $507.68 against $947.35 without; dev keeps
    // its files in Standard ($25.14 both ways with events, $23.94 without); dev at 50,000 files a month stays flagged
    // ($42.07 against $21.54 with events).
    const cases: { stack: string; objectsPerMonth?: number; paysForItself: boolean }[] = [
        { stack: "dev", paysForItself: true },
        { stack: "prod", paysForItself: true },
        { stack: "log-archive", paysForItself: true },
        { stack: "dev", objectsPerMonth: 50_000, paysForItself: false },
    ];
    for (const { stack, objectsPerMonth, paysForItself } of cases) {
        it(`gives ${stack}${objectsPerMonth ? ` at ${objectsPerMonth} files a month` : ""} the same verdict with and without the events`, () => {
            const workload = objectsPerMonth ? { objectsPerMonth } : undefined;
            const on = costReport({ root: REPO_ROOT, stack, workload }).archiving;
            const off = costReport({ root: REPO_ROOT, stack, workload, configOverrides: OFF }).archiving;
            expect(on.paysForItself).to.equal(paysForItself);
            expect({ paysForItself: on.paysForItself, tiersThatDoNotPay: on.tiersThatDoNotPay }).to.deep.equal({ paysForItself: off.paysForItself, tiersThatDoNotPay: off.tiersThatDoNotPay });
            expect(on.standardOnlyUsd).to.be.greaterThan(off.standardOnlyUsd);
        });
    }
});
