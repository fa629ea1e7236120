import { expect } from "chai";
import { spawnSync } from "child_process";
import * as path from "path";
import { VaultCost, costReport } from "../../../tools/cost/report";
import { REGION_PRICES } from "../../../tools/cost/prices";
import { REPO_ROOT } from "../../../tools/offline/plan";
import { TS_LOADER } from "../../support/toolProcess";

function cost(args: string[]): { status: number | null; stdout: string; stderr: string } {
    // Through a pipe, as a reader's script takes it.
    const result = spawnSync(process.execPath, [...TS_LOADER, path.join(REPO_ROOT, "tools", "cost.ts"), ...args], { cwd: REPO_ROOT, encoding: "utf8", timeout: 60_000, maxBuffer: 64 * 1024 * 1024 });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function pricedVault(stack: string, configOverrides: string[] = []): VaultCost {
    const { vault } = costReport({ root: REPO_ROOT, stack, configOverrides });
    expect(vault?.priced, JSON.stringify(vault)).to.equal(true);
    return vault as VaultCost;
}

describe("npm run cost prices the vault", () => {
    // prod: 84 months of 100,000 objects (10 GB), replicated from us-east-1 into Deep Archive in us-west-2, RTC on,
    // SSE-KMS; 2555 days' retention, so no replica leaves within the period.
    const PROD_LINES: [string, number, string][] = [
        // 8,400,000 replicas x $0.05 per 1,000 (Deep Archive's PUT rate).
        ["replication PUT requests (us-west-2, DEEP_ARCHIVE PUT rate)", 420, "AWS-S3-752"],
        // 840 GB x $0.02 (us-east-1's rate out to another region).
        ["inter-region data transfer out (us-east-1 to us-west-2)", 16.8, "AWS-S3-754"],
        // 840 GB x $0.015.
        ["Replication Time Control data transfer", 12.6, "AWS-S3-755"],
        // 4 metrics x $0.30 x 84 months.
        ["replication metrics (CloudWatch custom metrics)", 100.8, "AWS-S3-756"],
        // 3,570 cohort-months of (10 GB + 100,000 x 32 KB) x $0.00099 + 100,000 x 8 KB x $0.023 = $0.0304688 each.
        ["storage (us-west-2, DEEP_ARCHIVE)", 108.77, "AWS-S3-753"],
        ["minimum storage duration (DEEP_ARCHIVE)", 0, "AWS-S3-753"],
        // 84 x (2 x 1,000 requests x $0.03/10,000 + the vault key's $1).
        ["KMS: the vault key and replication's requests", 84.5, "AWS-KMS-750"],
    ];

    it("bills prod's vault line by line, at us-west-2's prices and us-east-1's for the transfer out (AWS-S3-750)", () => {
        const vault = pricedVault("prod");
        expect(vault.lines.map((line) => [line.name, line.usd, line.fact])).to.deep.equal(PROD_LINES);
        expect(vault).to.deep.include({ region: "us-west-2", storageClass: "DEEP_ARCHIVE", replicationTimeControl: true, replicaDays: { current: 2555, noncurrent: 2555 }, totalUsd: 743.48 });
        expect(vault.prices).to.deep.equal({ region: "us-west-2", regionName: "US West (Oregon)", date: REGION_PRICES["us-west-2"].date, note: "us-west-2's rates are entered as us-east-1's and are not confirmed against AWS's price list (AWS-S3-751)" });
        expect(vault.transferPrices).to.deep.equal({ region: "us-east-1", regionName: "US East (N. Virginia)", date: REGION_PRICES["us-east-1"].date });
        // Month 1: $5.00 + $0.20 + $0.15 + $1.20 + $0.03 + $1.006; month 84 stores 84 cohorts ($2.56).
        expect(vault.monthlyUsd).to.deep.equal({ first: 7.59, last: 10.12 });
        expect(vault.byMonth).to.have.length(84);
    });

    it("states prod's figure with and without the vault", () => {
        const report = costReport({ root: REPO_ROOT, stack: "prod" });
        expect(report.totalUsd).to.equal(524.18);
        expect(report.totalWithVaultUsd).to.equal(1267.66);
    });

    it("has no vault lines for a stack without a vault", () => {
        const report = costReport({ root: REPO_ROOT, stack: "dev" });
        expect(report).to.not.have.property("vault");
        expect(report).to.not.have.property("totalWithVaultUsd");
    });

    it("drops the RTC line with vaultReplicationTimeControl false, and keeps the metrics (AWS-S3-755, AWS-S3-756)", () => {
        const vault = pricedVault("prod", ["audit-log-bucket:vaultReplicationTimeControl=false"]);
        expect(vault.replicationTimeControl).to.equal(false);
        expect(vault.lines.map((line) => line.name)).to.deep.equal(PROD_LINES.map(([name]) => name).filter((name) => !name.startsWith("Replication Time Control")));
        expect(vault.lines.find((line) => line.fact === "AWS-S3-756")?.usd).to.equal(100.8);
        expect(vault.totalUsd).to.be.closeTo(743.48 - 12.6, 0.011);
    });

    it("prices the storage class the stack names: Glacier Instant Retrieval (AWS-S3-752, AWS-S3-753)", () => {
        // 105 KB objects billed as 128 KB: 100,000 x 128 KB = 12.207 GB x $0.004 = $0.048828 a cohort-month, x 3,570;
        // PUTs 8,400,000 x $0.02 per 1,000.
        const vault = pricedVault("prod", ["audit-log-bucket:vaultStorageClass=GLACIER_IR"]);
        const usd = Object.fromEntries(vault.lines.map((line) => [line.name, line.usd]));
        expect(usd["storage (us-west-2, GLACIER_IR)"]).to.equal(Math.round(((100_000 * 128) / (1024 * 1024)) * 0.004 * 3570 * 100) / 100);
        expect(usd["replication PUT requests (us-west-2, GLACIER_IR PUT rate)"]).to.equal(168);
    });

    const REFUSALS: { name: string; stack: string; overrides: string[]; region: string; says: string }[] = [
        { name: "log-archive's vault in eu-central-1, which the table lacks", stack: "log-archive", overrides: [], region: "eu-central-1", says: "no prices for eu-central-1, the vault's region (vaultRegion)" },
        { name: "a vault moved to a region the table lacks", stack: "prod", overrides: ["audit-log-bucket:vaultRegion=ap-southeast-2"], region: "ap-southeast-2", says: "no prices for ap-southeast-2, the vault's region (vaultRegion)" },
        { name: "a vault in Intelligent-Tiering", stack: "prod", overrides: ["audit-log-bucket:vaultStorageClass=INTELLIGENT_TIERING"], region: "us-west-2", says: "vaultStorageClass INTELLIGENT_TIERING" },
    ];
    for (const { name, stack, overrides, region, says } of REFUSALS) {
        it(`refuses to price ${name}, naming it, and gives no total with the vault (AWS-S3-751)`, () => {
            const report = costReport({ root: REPO_ROOT, stack, configOverrides: overrides });
            expect(report.vault).to.deep.include({ priced: false, region });
            expect(report.vault && "refusal" in report.vault ? report.vault.refusal : "").to.include(says);
            expect(report).to.not.have.property("totalWithVaultUsd");
        });
    }
});

describe("npm run cost's vault output", () => {
    it("keeps --json whole through a pipe, with the vault and the total with it", function () {
        this.timeout(60_000);
        const result = cost(["--stack", "prod", "--json"]);
        expect(result.status, result.stderr).to.equal(0);
        const report = JSON.parse(result.stdout) as { vault: VaultCost; totalUsd: number; totalWithVaultUsd: number };
        expect(report.vault.totalUsd).to.equal(743.48);
        expect(report.vault.lines).to.have.length(7);
        expect(report.totalWithVaultUsd).to.equal(1267.66);
    });

    it("prints the vault's lines, the prices used and the total with and without it", function () {
        this.timeout(60_000);
        const { status, stdout } = cost(["--stack", "prod"]);
        expect(status).to.equal(0);
        expect(stdout).to.include("Vault: the second copy in us-west-2 (DEEP_ARCHIVE, Replication Time Control on), kept 2555 days current and 2555 more noncurrent");
        expect(stdout).to.include(`requests, storage and key at us-west-2 (US West (Oregon)) list prices of ${REGION_PRICES["us-west-2"].date}; note: us-west-2's rates are entered as us-east-1's`);
        expect(stdout).to.match(/\$\s+420\.00 {2}replication PUT requests \(us-west-2, DEEP_ARCHIVE PUT rate\) \(AWS-S3-752\)/);
        expect(stdout).to.include("vault: $743.48 ($7.59 in month 1, $10.12 in month 84)");
        expect(stdout).to.include("total with the vault: $1267.66 (without: $524.18)");
    });

    it("exits 3 for a vault it cannot price, saying so and giving the bucket's figures", function () {
        this.timeout(60_000);
        const { status, stdout } = cost(["--stack", "log-archive"]);
        expect(status).to.equal(3);
        expect(stdout).to.include("VAULT NOT PRICED (eu-central-1, DEEP_ARCHIVE): the price table");
        expect(stdout).to.include("The total above is the bucket's alone.");
        const json = cost(["--stack", "log-archive", "--json"]);
        expect(json.status).to.equal(3);
        expect(JSON.parse(json.stdout).vault).to.deep.include({ priced: false, region: "eu-central-1" });
    });
});
