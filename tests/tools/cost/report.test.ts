import { expect } from "chai";
import { spawnSync } from "child_process";
import * as path from "path";
import { costReport } from "../../../tools/cost/report";
import { REPO_ROOT } from "../../../tools/offline/plan";
import { TS_LOADER } from "../../support/toolProcess";

const OFF = ["audit-log-bucket:eventBridgeNotifications=false"];

describe("the cost report's EventBridge line", () => {
    // Default workload, 100,000 objects a month. dev: 12 months, its 105 KB files stay in Standard and expire at day
    // 365, after the 360 days modelled: 12 x 100,000 writes. prod: 84 months, 84 x 100,000 writes and, from month 4,
    // 81 x 100,000 transitions to Glacier Instant Retrieval; expiry at day 2555 falls after the 2520 days modelled.
    const stacks: { stack: string; events: number }[] = [
        { stack: "dev", events: 1_200_000 },
        { stack: "prod", events: 16_500_000 },
        { stack: "log-archive", events: 16_500_000 },
    ];
    for (const { stack, events } of stacks) {
        it(`counts ${events} events for ${stack}, billed at $1.00 a million, and includes them in the total`, () => {
            const on = costReport({ root: REPO_ROOT, stack });
            expect(on.eventBridge).to.deep.equal({ enabled: true, events, usd: events / 1_000_000 });
            expect(on.byMonth.reduce((sum, month) => sum + month.events, 0)).to.equal(events);
            const off = costReport({ root: REPO_ROOT, stack, configOverrides: OFF });
            expect(off.totalUsd).to.be.closeTo(on.totalUsd - events / 1_000_000, 0.011);
        });
    }

    it("rounds each month's events line to cents, like the other lines, and keeps the count whole", () => {
        // 33,333 writes in dev's month 1: $0.033333 of events, shown as $0.03.
        const report = costReport({ root: REPO_ROOT, stack: "dev", workload: { objectsPerMonth: 33_333 } });
        expect(report.byMonth[0]).to.include({ events: 33_333, eventsUsd: 0.03 });
    });

    it("shows a zero line when the stack turns the notifications off", () => {
        const off = costReport({ root: REPO_ROOT, stack: "prod", configOverrides: OFF });
        expect(off.eventBridge).to.deep.equal({ enabled: false, events: 0, usd: 0 });
        for (const month of off.byMonth) {
            expect(month).to.include({ events: 0, eventsUsd: 0 });
        }
    });

    it("bills the alternatives the same events as the stack's own plan: its writes, and their own transitions", () => {
        // prod, 84 months: every alternative writes the same 8.4M objects ($8.40). "Standard only" sends nothing
        // else; the day-1 plans add 8.4M transitions, each in the cohort's first month ($16.80 in all); the two-tier
        // plan adds 81 x 100,000 at day 90 and 78 x 100,000 at day 180 ($24.30 in all).
        const on = costReport({ root: REPO_ROOT, stack: "prod" });
        const off = costReport({ root: REPO_ROOT, stack: "prod", configOverrides: OFF });
        const added = Object.fromEntries(on.alternatives.map((alternative, index) => [alternative.name, alternative.totalUsd - off.alternatives[index].totalUsd]));
        expect(added["S3 Standard only"]).to.be.closeTo(8.4, 0.011);
        expect(added["Glacier Instant Retrieval (day 1, every object)"]).to.be.closeTo(16.8, 0.011);
        expect(added["straight to Deep Archive (day 1, every object)"]).to.be.closeTo(16.8, 0.011);
        expect(added["Glacier then Deep Archive for every object (no size filters)"]).to.be.closeTo(8.4 + 8.1 + 7.8, 0.011);
        expect(on.archiving.standardOnlyUsd - off.archiving.standardOnlyUsd).to.be.closeTo(8.4, 0.011);
        expect(on.archiving.archivingUsd).to.equal(on.totalUsd);
    });
});

describe("npm run cost's text", () => {
    it("shows the events column and the period's EventBridge line", function () {
        this.timeout(60_000);
        const result = spawnSync(process.execPath, [...TS_LOADER, path.join(REPO_ROOT, "tools", "cost.ts"), "--stack", "dev"], { cwd: REPO_ROOT, encoding: "utf8", timeout: 60_000 });
        expect(result.status, result.stderr).to.equal(0);
        const lines = result.stdout.split("\n");
        const header = lines.findIndex((line) => /^month\s+total\s+storage\s+requests\s+events\s+kms$/.test(line));
        expect(header, result.stdout).to.be.greaterThan(0);
        // dev, month 1: 100,000 writes, $0.10 of events; the fourth column is the events column.
        expect(lines[header + 1].trim().split(/\s+/)).to.deep.equal(["1", "0.83", "0.23", "0.50", "0.10", "0.00"]);
        expect(result.stdout).to.include("EventBridge events over the period: 1200000 (writes, transitions, expirations), $1.20 as opt-in data events");
    });
});
