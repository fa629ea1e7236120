import { expect } from "chai";
import { spawnSync } from "child_process";
import * as path from "path";
import { costReport } from "../../../tools/cost/report";
import { PRICES, REGION_PRICES, pricesFor } from "../../../tools/cost/prices";
import { listStackTargets } from "../../../tools/stacks/list";
import { REPO_ROOT } from "../../../tools/offline/plan";
import { TS_LOADER } from "../../support/toolProcess";

function cost(args: string[]): { status: number | null; stdout: string } {
    const result = spawnSync(process.execPath, [...TS_LOADER, path.join(REPO_ROOT, "tools", "cost.ts"), ...args], { cwd: REPO_ROOT, encoding: "utf8", timeout: 60000 });
    return { status: result.status, stdout: result.stdout };
}

describe("the cost model's prices, by the stack's region", () => {
    it("has a dated price table for every region the repository ships a stack for (AWS-S3-500)", () => {
        for (const target of listStackTargets(REPO_ROOT)) {
            expect(REGION_PRICES[target.region], target.stack).to.not.equal(undefined);
            expect(REGION_PRICES[target.region].date).to.match(/^\d{4}-\d{2}-\d{2}$/);
            expect(REGION_PRICES[target.region].region).to.equal(target.region);
        }
    });

    const STACKS: { stack: string; region: string }[] = [
        { stack: "dev", region: "eu-west-1" },
        { stack: "prod", region: "us-east-1" },
        { stack: "log-archive", region: "eu-west-1" },
    ];
    for (const { stack, region } of STACKS) {
        it(`prices ${stack} at ${region}'s list prices, and says so`, () => {
            const report = costReport({ root: REPO_ROOT, stack });
            expect(report.prices).to.deep.equal({ region, regionName: REGION_PRICES[region].regionName, date: REGION_PRICES[region].date, stackRegion: region });
        });
    }

    it("prices a region the table lacks at us-east-1's, and the output says so", () => {
        const report = costReport({ root: REPO_ROOT, stack: "dev", configOverrides: ["aws:region=ap-southeast-2"] });
        expect(report.prices.region).to.equal("us-east-1");
        expect(report.prices.stackRegion).to.equal("ap-southeast-2");
        expect(report.prices.note).to.include("has no prices for ap-southeast-2");
        expect(pricesFor("ap-southeast-2").prices).to.equal(PRICES);
    });

    it("says which prices it used and the period in words: 1 year, 7 years", () => {
        const dev = cost(["--stack", "dev"]);
        expect(dev.stdout.split("\n")[0]).to.equal(`Cost of stack dev over 1 year, at eu-west-1 (Europe (Ireland)) list prices of ${REGION_PRICES["eu-west-1"].date}`);
        const prod = cost(["--stack", "prod"]);
        expect(prod.stdout.split("\n")[0]).to.equal(`Cost of stack prod over 7 years, at us-east-1 (US East (N. Virginia)) list prices of ${PRICES.date}`);
    });
});
