import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { costReport } from "../../../tools/cost/report";
import { REPO_ROOT } from "../../../tools/offline/plan";

const README = fs.readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");

/** The dollar figure of the README's seven-year table row that starts with `label`. */
function tableFigure(label: string): number {
    const row = README.split("\n").find((line) => line.startsWith(`| ${label}`));
    expect(row, `README row "${label}"`).to.not.equal(undefined);
    return Number(/\| \$([\d,]+) \|$/.exec(row as string)?.[1].replace(",", ""));
}

describe("the README's cost figures", () => {
    const prod = costReport({ root: REPO_ROOT, stack: "prod" });
    const alternative = (name: string): number => prod.alternatives.find((entry) => entry.name === name)?.totalUsd ?? NaN;
    const rows: [string, () => number][] = [
        ["this package's default", () => prod.totalUsd],
        ["the earlier default", () => alternative("S3 Standard only")],
        ["Glacier then Deep Archive for every object", () => alternative("Glacier then Deep Archive for every object (no size filters)")],
        ["straight to Deep Archive on day 1", () => alternative("straight to Deep Archive (day 1, every object)")],
        ["Glacier Instant Retrieval on day 1", () => alternative("Glacier Instant Retrieval (day 1, every object)")],
    ];
    for (const [label, modelled] of rows) {
        it(`states what npm run cost models for prod, events included: "${label}"`, () => {
            expect(tableFigure(label)).to.equal(Math.round(modelled()));
        });
    }

    it("states dev's one-year bill and prod's EventBridge share as modelled", () => {
        const dev = costReport({ root: REPO_ROOT, stack: "dev" });
        expect(README).to.include(`small files in Standard ($${dev.totalUsd.toFixed(2)} a year`);
        expect(README).to.include(`$${prod.eventBridge.usd.toFixed(2)} of the default's $${Math.round(prod.totalUsd)}`);
    });
});
