import { expect } from "chai";
import { StoragePlan, Workload, simulate } from "../../../tools/cost/model";
import { PRICES } from "../../../tools/cost/prices";

// 1 GB in 1,000 objects of about 1 MiB: Standard, Glacier Instant Retrieval at day 30, expiry at day 90, the
// noncurrent version it leaves deleted 30 days later. Each month's cohort therefore sends, 1,000 objects each:
// its writes in its own month (age 0), its transitions a month later (day 30), its expirations three months later
// (day 90) and the permanent deletions of the versions they leave four months later (day 120).
const PLAN: StoragePlan = {
    name: "events",
    writtenAs: "STANDARD",
    transitions: [{ days: 30, storageClass: "GLACIER_IR" }],
    expireAfterDays: 90,
    noncurrentDays: 30,
    transitionMinObjectBytes: 0,
    eventBridgeNotifications: true,
};
const WORKLOAD: Workload = { gbPerMonth: 1, objectsPerMonth: 1000 };

describe("the EventBridge events the cost model counts", () => {
    const cases: { name: string; plan: StoragePlan; workload: Workload; byMonth: number[] }[] = [
        // Month 1: writes. 2: writes + cohort 1's transitions. 3: same. 4: + cohort 1's expirations.
        // 5 and on: + the permanent deletions of cohort 1's noncurrent versions.
        { name: "writes, transitions, expirations and noncurrent deletions, each in its month", plan: PLAN, workload: WORKLOAD, byMonth: [1000, 2000, 2000, 3000, 4000, 4000] },
        // Half of each cohort is overwritten on day 0 (one event) and its old version deleted on day 30 (another).
        { name: "an overwrite and the deletion of the version it leaves", plan: PLAN, workload: { ...WORKLOAD, noncurrentFraction: 0.5 }, byMonth: [1500, 3000, 3000, 4000, 5000, 5000] },
        // Objects at or below the threshold stay where they were written: no Object Storage Class Changed.
        { name: "no transition for objects below the size threshold", plan: { ...PLAN, transitionMinObjectBytes: 2 * 1024 * 1024 }, workload: WORKLOAD, byMonth: [1000, 1000, 1000, 2000, 3000, 3000] },
        // Two tiers: Glacier at day 30, Deep Archive at day 60, expiry at day 240: two transitions per cohort.
        {
            name: "one event per tier entered",
            plan: { ...PLAN, transitions: [{ days: 30, storageClass: "GLACIER" }, { days: 60, storageClass: "DEEP_ARCHIVE" }], expireAfterDays: 240 },
            workload: WORKLOAD,
            byMonth: [1000, 2000, 3000, 3000, 3000, 3000],
        },
        // A "transition" into the class the objects were written in moves nothing, so S3 reports no change.
        { name: "no event for a step into the class written", plan: { ...PLAN, writtenAs: "GLACIER_IR" }, workload: WORKLOAD, byMonth: [1000, 1000, 1000, 2000, 3000, 3000] },
        // A tier the objects expire before reaching sends nothing.
        { name: "no event for a tier after the expiry", plan: { ...PLAN, transitions: [{ days: 120, storageClass: "GLACIER" }] }, workload: WORKLOAD, byMonth: [1000, 1000, 1000, 2000, 3000, 3000] },
    ];
    for (const { name, plan, workload, byMonth } of cases) {
        it(`counts ${name}`, () => {
            const result = simulate(plan, workload, byMonth.length);
            expect(result.byMonth.map((month) => month.events)).to.deep.equal(byMonth);
            expect(result.events).to.equal(byMonth.reduce((sum, events) => sum + events, 0));
            result.byMonth.forEach((month) => expect(month.eventsUsd).to.be.closeTo((month.events / 1_000_000) * PRICES.eventBridge.optInDataEventsPerMillion, 1e-12));
        });
    }

    it("bills AWS opt-in data events at $1.00 per million ingested", () => {
        expect(PRICES.eventBridge.optInDataEventsPerMillion).to.equal(1);
        // 1,000,000 writes in one month: one million Object Created events, $1.00.
        const result = simulate(PLAN, { gbPerMonth: 100, objectsPerMonth: 1_000_000 }, 1);
        expect(result.byMonth[0].events).to.equal(1_000_000);
        expect(result.byMonth[0].eventsUsd).to.be.closeTo(1, 1e-12);
    });

    it("counts and bills nothing when the plan sends no events, and changes nothing else", () => {
        for (const eventBridgeNotifications of [false, undefined]) {
            const off = simulate({ ...PLAN, eventBridgeNotifications }, { ...WORKLOAD, noncurrentFraction: 0.5 }, 6);
            const on = simulate(PLAN, { ...WORKLOAD, noncurrentFraction: 0.5 }, 6);
            expect(off.events).to.equal(0);
            off.byMonth.forEach((month, index) => {
                expect(month).to.include({ events: 0, eventsUsd: 0 });
                const { events: _events, eventsUsd: _eventsUsd, usd: _usd, ...rest } = on.byMonth[index];
                expect(month).to.deep.include(rest);
            });
        }
    });

    it("adds the events to each month's total and to the period's total", () => {
        const on = simulate(PLAN, WORKLOAD, 6);
        const off = simulate({ ...PLAN, eventBridgeNotifications: false }, WORKLOAD, 6);
        for (const month of on.byMonth) {
            expect(month.usd).to.be.closeTo(month.storageUsd + month.requestUsd + month.minimumDurationUsd + month.kmsUsd + month.eventsUsd, 1e-12);
        }
        // 16,000 events at $1.00 per million: $0.016.
        expect(on.totalUsd - off.totalUsd).to.be.closeTo(0.016, 1e-12);
    });
});
