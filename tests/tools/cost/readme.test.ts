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

    it("states prod's seven-year figure with and without the vault, and the vault's main lines, as modelled", () => {
        const dollars = (usd: number): string => `$${Math.round(usd).toLocaleString("en-US")}`;
        const vault = prod.vault;
        expect(vault?.priced).to.equal(true);
        if (!vault?.priced) {
            return;
        }
        const line = (fact: string): number => vault.lines.find((entry) => entry.fact === fact)?.usd ?? NaN;
        const sentence = `**${dollars(prod.totalUsd)} without the vault, ${dollars(prod.totalWithVaultUsd as number)} with it**`;
        expect(README).to.include(sentence);
        expect(README).to.include(`the vault costs ${dollars(vault.totalUsd)} (${dollars(line("AWS-S3-752"))} of it the Deep Archive PUTs, ${dollars(line("AWS-S3-756"))} the metrics, ${dollars(line("AWS-S3-753"))} the storage, ${dollars(line("AWS-KMS-750"))}\nthe key)`);
        expect(README).to.include(`${dollars(prod.totalUsd)} for the bucket without the vault, ${dollars(prod.totalWithVaultUsd as number)}\nwith it (the vault's ${dollars(vault.totalUsd)} at us-west-2's prices)`);
    });

    it("states that log-archive's vault is refused, as npm run cost refuses it", () => {
        const logArchive = costReport({ root: REPO_ROOT, stack: "log-archive" });
        expect(logArchive.vault).to.deep.include({ priced: false, region: "eu-central-1" });
        expect(README).to.include("`log-archive`'s vault in eu-central-1 is not priced");
    });
});
