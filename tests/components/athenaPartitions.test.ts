import { expect } from "chai";
import { namedQueries } from "../../components/athenaQueries";
import { ATHENA_TABLE_NAMES, GlueTableDefinition, LogLayout, cloudTrailTable, configTable, layoutRegions } from "../../components/athenaTables";
import { admittedPartitions } from "../support/projection";

// How many partitions (S3 prefixes, each one listing) every saved query makes Athena read, enumerated with the
// projection's own rules (enum x enum x date range, each column kept to what the query's predicate on it admits;
// tests/support/projection.ts). a very large count is what the issue measured against the 1,000,000 partitions it says one query may read (AWS-ATH-402, unconfirmed); the saved queries
// are held to 31 days x the projected regions x the one account each filters on.

const NOW = new Date("2026-11-10T08:00:00Z");
const LOG_ARCHIVE = "666666666666";
const MANAGEMENT = "777777777777";
const LISTED = Array.from({ length: 50 }, (_, index) => String(100000000000 + index));

const logArchive = (extra: Partial<LogLayout> = {}): LogLayout => ({
    partition: "aws",
    accountId: LOG_ARCHIVE,
    bucketName: `network-compliance-logs-${LOG_ARCHIVE}-eu-west-1`,
    cloudTrailPrefix: "cloudtrail-logs/",
    configPrefix: "config-logs/",
    organizationId: "o-a1b2c3d4e5",
    managementAccountId: MANAGEMENT,
    sourceAccountIds: LISTED,
    projectionStartDate: "2020/01/01",
    ...extra,
});

function tablesOf(layout: LogLayout): Record<string, GlueTableDefinition> {
    return { [ATHENA_TABLE_NAMES.cloudTrail]: cloudTrailTable(layout), [ATHENA_TABLE_NAMES.config]: configTable(layout) };
}

function counts(layout: LogLayout): Record<string, number> {
    const tables = tablesOf(layout);
    const queries = namedQueries({ databaseName: "audit_logs", logBucketName: layout.bucketName, accountId: layout.accountId });
    return Object.fromEntries(queries.map((query) => [query.id, admittedPartitions(tables[/FROM "audit_logs"\."(\w+)"/.exec(query.query)?.[1] ?? ""], query.query, NOW).count]));
}

describe("the partitions each saved query admits (AWS-ATH-400)", () => {
    const layouts: { what: string; layout: LogLayout }[] = [
        { what: "the log-archive stack with 50 listed accounts, every region", layout: logArchive() },
        { what: "the log-archive stack with 50 listed accounts, two regions projected", layout: logArchive({ regions: ["eu-west-1", "us-east-1"] }) },
        { what: "an organization's accounts injected", layout: logArchive({ sourceAccountIds: "injected" }) },
        { what: "one account, no organization", layout: logArchive({ organizationId: undefined, managementAccountId: undefined, sourceAccountIds: undefined }) },
    ];
    for (const { what, layout } of layouts) {
        it(`holds every query to 31 days x the projected regions x one account: ${what}`, () => {
            const limit = 31 * layoutRegions(layout).length;
            for (const [id, count] of Object.entries(counts(layout))) {
                expect(count, id).to.equal(limit);
            }
        });
    }

    it("counts 1,054 partitions per query for the log-archive stack with 50 listed accounts (52 enumerated, 34 regions)", () => {
        const layout = logArchive();
        expect(cloudTrailTable(layout).parameters["projection.account.values"].split(",")).to.have.length(52);
        expect(layoutRegions(layout)).to.have.length(34);
        expect(counts(layout)).to.deep.equal({
            "root-account-use": 1054,
            "console-sign-in-without-mfa": 1054,
            "log-bucket-protection-changes": 1054,
            "kms-key-disable-or-deletion": 1054,
            "config-non-compliant": 1054,
        });
    });

    it("admits Config's window as its unpadded days, today and the 30 before, across a month's end", () => {
        const layout = logArchive({ regions: ["eu-west-1"] });
        const query = namedQueries({ databaseName: "audit_logs", logBucketName: layout.bucketName, accountId: LOG_ARCHIVE }).find((item) => item.id === "config-non-compliant");
        const admitted = admittedPartitions(configTable(layout), query?.query ?? "", NOW);
        expect(admitted.values.account).to.deep.equal([LOG_ARCHIVE]);
        expect(admitted.values.day).to.have.length(31);
        expect(admitted.values.day.slice(0, 2)).to.deep.equal(["2026/10/11", "2026/10/12"]);
        expect(admitted.values.day.slice(-3)).to.deep.equal(["2026/11/8", "2026/11/9", "2026/11/10"]);
    });

    it("shows why a function on the day prunes nothing and a string range on unpadded days is wrong", () => {
        const table = configTable(logArchive({ regions: ["eu-west-1"] }));
        const backstopOnly = "SELECT 1 FROM t WHERE date_parse(day, '%Y/%c/%e') >= current_date - interval '30' day AND account = '666666666666'";
        // Every day since the projection's start: 2020/1/1 to 2026/11/10.
        expect(admittedPartitions(table, backstopOnly, NOW).values.day).to.have.length(2506);
        const stringRange = "SELECT 1 FROM t WHERE day >= date_format(current_date - interval '30' day, '%Y/%c/%e') AND account = '666666666666'";
        const admitted = admittedPartitions(table, stringRange, NOW).values.day;
        // "2026/10/5" sorts after "2026/10/11": days months before the window are read.
        expect(admitted).to.include("2026/10/5").and.include("2026/9/1").and.include("2026/2/1");
        expect(admitted.length).to.be.greaterThan(31);
    });

    it("has Athena refuse a query that leaves an injected account unfiltered", () => {
        const table = cloudTrailTable(logArchive({ sourceAccountIds: "injected" }));
        expect(() => admittedPartitions(table, "SELECT 1 FROM t WHERE day >= '2026/11/01'", NOW)).to.throw(/injected column account needs an equality or IN filter/);
    });
});
