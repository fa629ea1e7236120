import { expect } from "chai";
import { ATHENA_CONFIG_KEYS, ATHENA_DEFAULTS, AthenaArgs, athenaArgsFromConfig, resolveAthenaArgs, resultsBucketName, validateAthenaArgs } from "../../components/athena";
import { projectedRegions } from "../../components/athenaTables";

const CONTEXT = { accountId: "123456789012", region: "eu-west-1" };

describe("Athena settings", () => {
    it("defaults to the audit_logs database, the audit-logs workgroup, 10 GiB per query, 30 days of results, from 2020/01/01", () => {
        expect(resolveAthenaArgs({})).to.deep.equal({
            databaseName: "audit_logs",
            workgroupName: "audit-logs",
            bytesScannedCutoffPerQuery: 10 * 1024 * 1024 * 1024,
            resultsRetentionDays: 30,
            projectionStartDate: "2020/01/01",
            // Empty: every region of the bucket's partition.
            regions: [],
        });
        expect(validateAthenaArgs({}, CONTEXT)).to.deep.equal([]);
        expect(resolveAthenaArgs({ databaseName: "trail_db", resultsRetentionDays: 7 })).to.include({ databaseName: "trail_db", resultsRetentionDays: 7, workgroupName: ATHENA_DEFAULTS.workgroupName });
    });

    it("names the results bucket audit-query-results-<account>-<region>, within S3's 63 characters in every region", () => {
        expect(resultsBucketName("123456789012", "eu-west-1")).to.equal("audit-query-results-123456789012-eu-west-1");
        for (const region of projectedRegions("aws").concat(projectedRegions("aws-cn"), projectedRegions("aws-us-gov"))) {
            expect(validateAthenaArgs({}, { accountId: "123456789012", region }), region).to.deep.equal([]);
            expect(resultsBucketName("123456789012", region).length).to.be.at.most(63);
        }
    });

    const BAD: [string, AthenaArgs, string, RegExp][] = [
        ["a hyphenated database name", { databaseName: "audit-logs" }, "athena.databaseName", /no hyphens/],
        ["a capitalised database name", { databaseName: "AuditLogs" }, "athena.databaseName", /lowercase/],
        ["an empty list of regions", { regions: [] }, "athena.regions", /non-empty list of AWS regions/],
        ["an empty database name", { databaseName: "" }, "athena.databaseName", /1 to 255/],
        ["a workgroup name with a space", { workgroupName: "audit logs" }, "athena.workgroupName", /letters, digits, dots/],
        ["a workgroup name of 129 characters", { workgroupName: "w".repeat(129) }, "athena.workgroupName", /1 to 128/],
        ["zero retention days", { resultsRetentionDays: 0 }, "athena.resultsRetentionDays", /from 1 to 3650/],
        ["fractional retention days", { resultsRetentionDays: 1.5 }, "athena.resultsRetentionDays", /whole number/],
        ["a scan limit under Athena's 10 MiB minimum", { bytesScannedCutoffPerQuery: 10485759 }, "athena.bytesScannedCutoffPerQuery", /at least 10485760/],
        ["a fractional scan limit", { bytesScannedCutoffPerQuery: 20000000.5 }, "athena.bytesScannedCutoffPerQuery", /whole number/],
        ["a start date with dashes", { projectionStartDate: "2020-01-01" }, "athena.projectionStartDate", /yyyy\/MM\/dd/],
        ["a start date that is not a day", { projectionStartDate: "2023/02/29" }, "athena.projectionStartDate", /calendar date/],
        ["an unpadded start date", { projectionStartDate: "2020/1/1" }, "athena.projectionStartDate", /yyyy\/MM\/dd/],
        ["a start date with a thirteenth month", { projectionStartDate: "2023/13/01" }, "athena.projectionStartDate", /calendar date/],
        ["a start date of April 31st", { projectionStartDate: "2023/04/31" }, "athena.projectionStartDate", /calendar date/],
        ["a start date on day 00", { projectionStartDate: "2023/05/00" }, "athena.projectionStartDate", /calendar date/],
        ["a start date in month 00", { projectionStartDate: "2023/00/10" }, "athena.projectionStartDate", /calendar date/],
        ["a start date with text before it", { projectionStartDate: "x2020/01/01" }, "athena.projectionStartDate", /yyyy\/MM\/dd/],
        ["a start date with text after it", { projectionStartDate: "2020/01/01x" }, "athena.projectionStartDate", /yyyy\/MM\/dd/],
        ["a database name that is not a string", { databaseName: 42 as unknown as string }, "athena.databaseName", /lowercase/],
        ["a database name of 256 characters", { databaseName: "a".repeat(256) }, "athena.databaseName", /1 to 255/],
        ["a workgroup name that is not a string", { workgroupName: ["audit"] as unknown as string }, "athena.workgroupName", /1 to 128/],
        ["3651 retention days", { resultsRetentionDays: 3651 }, "athena.resultsRetentionDays", /from 1 to 3650/],
        ["a retention given as text", { resultsRetentionDays: "30" as unknown as number }, "athena.resultsRetentionDays", /whole number/],
        ["a start date that is not a string", { projectionStartDate: 20200101 as unknown as string }, "athena.projectionStartDate", /yyyy\/MM\/dd/],
    ];
    it("refuses a region that does not exist, naming its index", () => {
        expect(validateAthenaArgs({ regions: ["eu-west-1", "mars-north-1"] }, CONTEXT).map((problem) => [problem.field, problem.value])).to.deep.equal([["athena.regions[1]", "mars-north-1"]]);
    });

    for (const [what, args, field, rule] of BAD) {
        it(`refuses ${what}, naming the field, the value and the rule`, () => {
            const problems = validateAthenaArgs(args, CONTEXT);
            expect(problems).to.have.length(1);
            expect(problems[0].field).to.equal(field);
            expect(problems[0].value).to.equal(Object.values(args)[0]);
            expect(problems[0].rule).to.match(rule);
        });
    }

    it("reports every problem at once", () => {
        const problems = validateAthenaArgs({ databaseName: "a-b", workgroupName: "a b", resultsRetentionDays: -1, bytesScannedCutoffPerQuery: 1, projectionStartDate: "x" }, CONTEXT);
        expect(problems.map((problem) => problem.field)).to.deep.equal([
            "athena.databaseName",
            "athena.workgroupName",
            "athena.resultsRetentionDays",
            "athena.bytesScannedCutoffPerQuery",
            "athena.projectionStartDate",
        ]);
    });

    it("refuses athena given as something other than an object", () => {
        for (const value of [null, "on", true]) {
            expect(validateAthenaArgs(value as unknown as AthenaArgs, CONTEXT)).to.deep.equal([
                { field: "athena", value, rule: "must be an object: { databaseName?, workgroupName?, resultsRetentionDays?, bytesScannedCutoffPerQuery?, projectionStartDate?, regions? }" },
            ]);
        }
    });

    it("leaves a bad account or region to the parent's own validation: no results-bucket problem from them", () => {
        for (const context of [
            { accountId: "12345", region: "eu-west-1" },
            { accountId: "123456789012", region: "eu-west-1-and-a-region-name-long-enough-to-break-the-bucket-name" },
            { accountId: "1234567890123", region: "eu-west-1" },
            { accountId: "x23456789012", region: "eu-west-1" },
        ]) {
            expect(validateAthenaArgs({}, context), JSON.stringify(context)).to.deep.equal([]);
        }
    });

    it("accepts the limits themselves", () => {
        expect(validateAthenaArgs({ databaseName: "a".repeat(255), workgroupName: "W.-_".repeat(32), resultsRetentionDays: 1, bytesScannedCutoffPerQuery: 10485760, projectionStartDate: "2024/02/29" }, CONTEXT)).to.deep.equal([]);
        expect(validateAthenaArgs({ databaseName: "a", workgroupName: "w", resultsRetentionDays: 3650, projectionStartDate: "2023/12/31" }, CONTEXT)).to.deep.equal([]);
    });
});

describe("Athena stack config", () => {
    const reader = (values: Record<string, string>) => (key: string): string | undefined => values[key];

    it("leaves Athena off without athenaDatabase", () => {
        expect(athenaArgsFromConfig(reader({}))).to.deep.equal({ problems: [] });
    });

    it("switches Athena on with athenaDatabase and reads every other key", () => {
        const { athena, problems } = athenaArgsFromConfig(
            reader({ athenaDatabase: "logs_db", athenaWorkgroup: "auditors", athenaResultsRetentionDays: "14", athenaBytesScannedCutoffPerQuery: "1073741824", athenaProjectionStartDate: "2023/06/01" }),
        );
        expect(problems).to.deep.equal([]);
        expect(athena).to.deep.equal({ databaseName: "logs_db", workgroupName: "auditors", resultsRetentionDays: 14, bytesScannedCutoffPerQuery: 1073741824, projectionStartDate: "2023/06/01" });
    });

    it("switches Athena on with athenaDatabase alone, leaving every other setting to its default", () => {
        expect(athenaArgsFromConfig(reader({ athenaDatabase: "logs_db" }))).to.deep.equal({ athena: { databaseName: "logs_db" }, problems: [] });
    });

    it("reads numbers with surrounding spaces, as pulumi config may store them", () => {
        expect(athenaArgsFromConfig(reader({ athenaDatabase: "db", athenaResultsRetentionDays: " 14 " })).athena?.resultsRetentionDays).to.equal(14);
    });

    it("names every key set without athenaDatabase", () => {
        const { athena, problems } = athenaArgsFromConfig(reader({ athenaWorkgroup: "w", athenaResultsRetentionDays: "3" }));
        expect(athena).to.equal(undefined);
        expect(problems.map((problem) => [problem.field, problem.configKey])).to.deep.equal([
            ["athena.workgroupName", "audit-log-bucket:athenaWorkgroup"],
            ["athena.resultsRetentionDays", "audit-log-bucket:athenaResultsRetentionDays"],
        ]);
    });

    it("lists its six keys, all prefixed athena", () => {
        expect([...ATHENA_CONFIG_KEYS]).to.deep.equal(["athenaDatabase", "athenaWorkgroup", "athenaResultsRetentionDays", "athenaBytesScannedCutoffPerQuery", "athenaProjectionStartDate", "athenaRegions"]);
    });

    it("reads the projected regions as a JSON list or a comma list", () => {
        expect(athenaArgsFromConfig(reader({ athenaDatabase: "db", athenaRegions: '["eu-west-1","us-east-1"]' })).athena?.regions).to.deep.equal(["eu-west-1", "us-east-1"]);
        expect(athenaArgsFromConfig(reader({ athenaDatabase: "db", athenaRegions: "eu-west-1, us-east-1" })).athena?.regions).to.deep.equal(["eu-west-1", "us-east-1"]);
    });

    const BAD: [string, Record<string, string>, string, RegExp][] = [
        ["a workgroup without a database", { athenaWorkgroup: "auditors" }, "athenaWorkgroup", /only used with athenaDatabase/],
        ["a retention that is not a number", { athenaDatabase: "db", athenaResultsRetentionDays: "thirty" }, "athenaResultsRetentionDays", /whole number/],
        ["a negative scan limit", { athenaDatabase: "db", athenaBytesScannedCutoffPerQuery: "-5" }, "athenaBytesScannedCutoffPerQuery", /whole number/],
        ["a retention with a unit after it", { athenaDatabase: "db", athenaResultsRetentionDays: "30d" }, "athenaResultsRetentionDays", /whole number/],
        ["a retention with text before it", { athenaDatabase: "db", athenaResultsRetentionDays: "d30" }, "athenaResultsRetentionDays", /whole number/],
        ["a workgroup with a space", { athenaDatabase: "db", athenaWorkgroup: "audit logs" }, "athenaWorkgroup", /letters, digits, dots/],
        ["a too-small scan limit", { athenaDatabase: "db", athenaBytesScannedCutoffPerQuery: "1024" }, "athenaBytesScannedCutoffPerQuery", /at least 10485760/],
        ["a hyphenated database", { athenaDatabase: "audit-logs" }, "athenaDatabase", /no hyphens/],
        ["a start date with dashes", { athenaDatabase: "db", athenaProjectionStartDate: "2020-01-01" }, "athenaProjectionStartDate", /yyyy\/MM\/dd/],
        ["a region that does not exist", { athenaDatabase: "db", athenaRegions: "eu-west-9" }, "athenaRegions", /must be an AWS region/],
    ];
    for (const [what, values, key, rule] of BAD) {
        it(`names the config key of ${what}`, () => {
            const { problems } = athenaArgsFromConfig(reader(values));
            expect(problems).to.have.length(1);
            expect(problems[0].configKey).to.equal(`audit-log-bucket:${key}`);
            expect(String(problems[0].value)).to.equal(values[key]);
            expect(problems[0].rule).to.match(rule);
        });
    }
});
