import { expect } from "chai";
import { GlueTableDefinition, LogLayout, cloudTrailTable, configTable } from "../../components/athenaTables";

// The tables' partition projection, read the way Athena reads it: for a projected partition Athena fills
// storage.location.template with each key's value (enum values, the injected value, each day of the range written in
// projection.<key>.format) and reads the objects under that location. A log object is in the table exactly when some
// projected partition's location is a directory above it. The keys below are built in the layouts AWS documents:
// CloudTrail guide "Finding your CloudTrail log files" (AWSLogs/[o-id/]<account>/CloudTrail/<region>/YYYY/MM/DD/
// <account>_CloudTrail_<region>_<YYYYMMDDTHHmmZ>_<unique>.json.gz) and the Config guide's "Viewing configuration details"
// and "Example Configuration History Delivery Notification" (AWSLogs/<account>/Config/<region>/YYYY/M/D/ConfigHistory|
// ConfigSnapshot/..., days and months not zero-padded: 2016/9/27).

const BUCKET = "network-compliance-logs-222222222222-us-east-1";
const ORG = "o-a1b2c3d4e5";
const HOME = "222222222222";
const MEMBERS = ["333333333333", "444444444444"];

const layout = (extra: Partial<LogLayout> = {}): LogLayout => ({
    partition: "aws",
    accountId: HOME,
    bucketName: BUCKET,
    cloudTrailPrefix: "cloudtrail-logs/",
    configPrefix: "config-logs/",
    projectionStartDate: "2020/01/01",
    ...extra,
});

/** The partition values under which Athena would read `key`, or undefined when no projected partition holds it. */
function partitionHolding(table: GlueTableDefinition, key: string, now: Date): Record<string, string> | undefined {
    const parameters = table.parameters;
    const template = parameters["storage.location.template"];
    const names: string[] = [];
    const pattern = template
        .split(/(\$\{\w+\})/)
        .map((part) => {
            const variable = /^\$\{(\w+)\}$/.exec(part);
            if (variable) {
                names.push(variable[1]);
                return `(${valuePattern(parameters, variable[1])})`;
            }
            return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
        })
        .join("");
    // The location is a directory: the object sits somewhere below it.
    const match = new RegExp(`^${pattern.replace(/\/$/, "")}/.+$`).exec(`s3://${BUCKET}/${key}`);
    if (!match) {
        return undefined;
    }
    const values = Object.fromEntries(names.map((name, index) => [name, match[index + 1]]));
    for (const name of names) {
        const type = parameters[`projection.${name}.type`];
        const value = values[name];
        if (type === "enum" && !parameters[`projection.${name}.values`].split(",").includes(value)) {
            return undefined;
        }
        if (type === "date") {
            const format = parameters[`projection.${name}.format`];
            const day = parseWithFormat(value, format);
            const [start, end] = parameters[`projection.${name}.range`].split(",");
            const first = parseWithFormat(start, format);
            if (!day || !first || end !== "NOW" || formatDay(day, format) !== value || day < first || day > now) {
                return undefined;
            }
        }
        if (type !== "enum" && type !== "date" && type !== "injected") {
            throw new Error(`projection type ${type} of ${name} is not one this test reads`);
        }
    }
    return values;
}

/** What a value of the projected key can look like: a date in its format, or one path segment. */
function valuePattern(parameters: Record<string, string>, name: string): string {
    if (parameters[`projection.${name}.type`] !== "date") {
        return "[^/]+";
    }
    return parameters[`projection.${name}.format`].replace(/[/.-]/g, "\\$&").replace(TOKENS, (token) => (token === "yyyy" ? "\\d{4}" : token.length === 2 ? "\\d{2}" : "\\d{1,2}"));
}

const TOKENS = /yyyy|MM|M|dd|d/g;

function formatDay(day: Date, format: string): string {
    const parts: Record<string, string> = {
        yyyy: String(day.getUTCFullYear()),
        MM: String(day.getUTCMonth() + 1).padStart(2, "0"),
        M: String(day.getUTCMonth() + 1),
        dd: String(day.getUTCDate()).padStart(2, "0"),
        d: String(day.getUTCDate()),
    };
    return format.replace(TOKENS, (token) => parts[token]);
}

function parseWithFormat(value: string, format: string): Date | undefined {
    const fields: string[] = [];
    const pattern = format.replace(/[/.-]/g, "\\$&").replace(TOKENS, (token) => {
        fields.push(token);
        return token === "yyyy" ? "(\\d{4})" : "(\\d{1,2})";
    });
    const match = new RegExp(`^${pattern}$`).exec(value);
    if (!match) {
        return undefined;
    }
    const read = (names: string[]): number => Number(match[fields.findIndex((field) => names.includes(field)) + 1]);
    const date = new Date(Date.UTC(read(["yyyy"]), read(["MM", "M"]) - 1, read(["dd", "d"])));
    return Number.isNaN(date.getTime()) ? undefined : date;
}

const pad = (value: number): string => String(value).padStart(2, "0");
const stamp = (day: Date): string => `${day.getUTCFullYear()}${pad(day.getUTCMonth() + 1)}${pad(day.getUTCDate())}T1205Z`;

function cloudTrailKey(account: string, region: string, day: Date, organizationId?: string): string {
    const path = `${day.getUTCFullYear()}/${pad(day.getUTCMonth() + 1)}/${pad(day.getUTCDate())}`;
    return `cloudtrail-logs/AWSLogs/${organizationId ? `${organizationId}/` : ""}${account}/CloudTrail/${region}/${path}/${account}_CloudTrail_${region}_${stamp(day)}_Xa1b2C3d4E5f6G7h.json.gz`;
}

function configKey(account: string, region: string, day: Date, kind: "ConfigHistory" | "ConfigSnapshot"): string {
    const path = `${day.getUTCFullYear()}/${day.getUTCMonth() + 1}/${day.getUTCDate()}`;
    const file =
        kind === "ConfigHistory"
            ? `${account}_Config_${region}_ConfigHistory_AWS::S3::Bucket_${stamp(day)}_${stamp(day)}_1.json.gz`
            : `${account}_Config_${region}_ConfigSnapshot_${stamp(day)}_0f7a3c9e-1b2d-4e5f-8a9b-0c1d2e3f4a5b.json.gz`;
    return `config-logs/AWSLogs/${account}/Config/${region}/${path}/${kind}/${file}`;
}

const NOW = new Date();
const today = new Date(Date.UTC(NOW.getUTCFullYear(), NOW.getUTCMonth(), NOW.getUTCDate()));
const DAYS = [new Date(Date.UTC(2020, 0, 1)), new Date(Date.UTC(2021, 8, 7)), new Date(Date.UTC(2024, 1, 29)), new Date(Date.UTC(2025, 11, 31)), new Date(today.getTime() - 86_400_000), today];
const REGIONS = ["us-east-1", "eu-west-1", "ap-southeast-2", "sa-east-1"];
const ymd = (day: Date): [string, string, string] => [String(day.getUTCFullYear()), String(day.getUTCMonth() + 1), String(day.getUTCDate())];

describe("the tables' partition projection, instantiated for real object keys", () => {
    it("holds every CloudTrail key of a single-account trail, under the key's own account, region and day", () => {
        const table = cloudTrailTable(layout());
        let checked = 0;
        for (const region of REGIONS) {
            for (const day of DAYS) {
                const key = cloudTrailKey(HOME, region, day);
                const values = partitionHolding(table, key, NOW);
                expect(values, key).to.not.equal(undefined);
                expect(values?.account).to.equal(HOME);
                expect(values?.region).to.equal(region);
                expect(values?.day.split("/").map(Number).map(String)).to.deep.equal(ymd(day));
                checked++;
            }
        }
        expect(checked).to.equal(REGIONS.length * DAYS.length);
    });

    it("holds the keys of every named account, and only theirs, when source accounts are listed", () => {
        const table = cloudTrailTable(layout({ organizationId: ORG, sourceAccountIds: [HOME, ...MEMBERS] }));
        for (const account of [HOME, ...MEMBERS]) {
            for (const region of REGIONS) {
                const key = cloudTrailKey(account, region, DAYS[3], ORG);
                expect(partitionHolding(table, key, NOW)?.account, key).to.equal(account);
            }
        }
        expect(partitionHolding(table, cloudTrailKey("555555555555", "us-east-1", DAYS[3], ORG), NOW)).to.equal(undefined);
    });

    it("holds an organization trail's keys for any member account (injected), and not the single-account layout", () => {
        const table = cloudTrailTable(layout({ organizationId: ORG }));
        expect(table.parameters["projection.account.type"]).to.equal("injected");
        for (const account of [HOME, ...MEMBERS, "555555555555"]) {
            for (const day of DAYS) {
                const key = cloudTrailKey(account, "eu-west-1", day, ORG);
                expect(partitionHolding(table, key, NOW)?.account, key).to.equal(account);
            }
        }
        expect(partitionHolding(table, cloudTrailKey(HOME, "eu-west-1", DAYS[2]), NOW)).to.equal(undefined);
        expect(partitionHolding(cloudTrailTable(layout()), cloudTrailKey(HOME, "eu-west-1", DAYS[2], ORG), NOW)).to.equal(undefined);
    });

    it("holds every Config history key, whose days are not zero-padded, and no snapshot key, whose whole-file row can pass 32 MB (AWS-CFG-400, AWS-ATH-401)", () => {
        const table = configTable(layout());
        for (const region of REGIONS) {
            for (const day of DAYS) {
                const key = configKey(HOME, region, day, "ConfigHistory");
                const values = partitionHolding(table, key, NOW);
                expect(values, key).to.not.equal(undefined);
                expect(values?.day).to.equal(ymd(day).join("/"));
                expect(values?.region).to.equal(region);
                const snapshot = configKey(HOME, region, day, "ConfigSnapshot");
                expect(partitionHolding(table, snapshot, NOW), snapshot).to.equal(undefined);
            }
        }
        // AWS's own example of a delivered key (Config guide, "Example Configuration History Delivery Notification").
        const AWS_EXAMPLE_KEY = `config-logs/AWSLogs/${HOME}/Config/us-east-2/2016/9/27/ConfigHistory/${HOME}_Config_us-east-2_ConfigHistory_AWS::CloudTrail::Trail_20160927T195818Z_20160927T195818Z_1.json.gz`;
        expect(partitionHolding(table, AWS_EXAMPLE_KEY, NOW)).to.equal(
            undefined, // before the projection's start (2020/01/01)
        );
        const fromAws = configTable(layout({ projectionStartDate: "2016/01/01" }));
        expect(partitionHolding(fromAws, AWS_EXAMPLE_KEY, NOW)?.day).to.equal("2016/9/27");
    });

    it("holds member accounts' Config keys when the bucket is the organization's log archive, and only then", () => {
        const archive = configTable(layout({ organizationId: ORG, managementAccountId: "111111111111", sourceAccountIds: MEMBERS }));
        for (const account of [HOME, "111111111111", ...MEMBERS]) {
            const key = configKey(account, "eu-west-1", DAYS[2], "ConfigHistory");
            expect(partitionHolding(archive, key, NOW)?.account, key).to.equal(account);
        }
        expect(partitionHolding(archive, configKey("555555555555", "eu-west-1", DAYS[2], "ConfigHistory"), NOW)).to.equal(undefined);
        const wholeOrganization = configTable(layout({ organizationId: ORG, managementAccountId: "111111111111" }));
        expect(partitionHolding(wholeOrganization, configKey("555555555555", "eu-west-1", DAYS[2], "ConfigHistory"), NOW)?.account).to.equal("555555555555");
        // An organization trail alone does not bring other accounts' Config deliveries: the bucket policy admits this account's.
        const trailOnly = configTable(layout({ organizationId: ORG }));
        expect(partitionHolding(trailOnly, configKey(MEMBERS[0], "eu-west-1", DAYS[2], "ConfigHistory"), NOW)).to.equal(undefined);
    });

    it("would miss Config's keys with CloudTrail's padded day format: the format is the one Config writes", () => {
        const padded = configTable(layout());
        padded.parameters["projection.day.format"] = "yyyy/MM/dd";
        padded.parameters["projection.day.range"] = "2020/01/01,NOW";
        expect(partitionHolding(padded, configKey(HOME, "us-east-1", DAYS[1], "ConfigHistory"), NOW)).to.equal(undefined);
        expect(partitionHolding(configTable(layout()), configKey(HOME, "us-east-1", DAYS[1], "ConfigHistory"), NOW)).to.not.equal(undefined);
    });

    const OUTSIDE: [string, string, (table: { cloudTrail: GlueTableDefinition; config: GlueTableDefinition }) => GlueTableDefinition][] = [
        ["a Session Manager log", "ssm-logs/2026/11/28/session-1.log", (t) => t.cloudTrail],
        ["a Security Hub finding", "securityhub-findings/2026/11/28/findings.json", (t) => t.cloudTrail],
        ["a CloudTrail key under the Config prefix", `config-logs/AWSLogs/${HOME}/CloudTrail/us-east-1/2024/02/29/x.json.gz`, (t) => t.cloudTrail],
        ["a Config key under the CloudTrail prefix", `cloudtrail-logs/AWSLogs/${HOME}/Config/us-east-1/2024/2/29/ConfigHistory/x.json.gz`, (t) => t.config],
        ["a CloudTrail digest file", `cloudtrail-logs/AWSLogs/${HOME}/CloudTrail-Digest/us-east-1/2024/02/29/${HOME}_CloudTrail-Digest_us-east-1_t_us-east-1_20240229T1205Z.json.gz`, (t) => t.cloudTrail],
        ["Config's writability check file", `config-logs/AWSLogs/${HOME}/Config/ConfigWritabilityCheckFile`, (t) => t.config],
        ["a prefix marker object", "cloudtrail-logs/", (t) => t.cloudTrail],
        ["another account's CloudTrail log", cloudTrailKey("999999999999", "us-east-1", DAYS[2]), (t) => t.cloudTrail],
        ["another account's Config item", configKey("999999999999", "us-east-1", DAYS[2], "ConfigHistory"), (t) => t.config],
        ["a region of another partition", cloudTrailKey(HOME, "cn-north-1", DAYS[2]), (t) => t.cloudTrail],
        ["a CloudTrail log before the projection starts", cloudTrailKey(HOME, "us-east-1", new Date(Date.UTC(2019, 11, 31))), (t) => t.cloudTrail],
        ["a CloudTrail log dated after today", cloudTrailKey(HOME, "us-east-1", new Date(today.getTime() + 2 * 86_400_000)), (t) => t.cloudTrail],
        ["a CloudTrail path with an unpadded day", `cloudtrail-logs/AWSLogs/${HOME}/CloudTrail/us-east-1/2024/2/9/x.json.gz`, (t) => t.cloudTrail],
        ["a Config path with a padded day", `config-logs/AWSLogs/${HOME}/Config/us-east-1/2024/02/09/ConfigHistory/x.json.gz`, (t) => t.config],
        ["a Config snapshot, whose items repeat at every delivery", configKey(HOME, "us-east-1", DAYS[2], "ConfigSnapshot"), (t) => t.config],
        ["a Config key in a directory whose name only starts with ConfigHistory", `config-logs/AWSLogs/${HOME}/Config/us-east-1/2024/2/9/ConfigHistoryOld/x.json.gz`, (t) => t.config],
        ["a file directly in the region directory", `cloudtrail-logs/AWSLogs/${HOME}/CloudTrail/us-east-1/x.json.gz`, (t) => t.cloudTrail],
    ];
    for (const [what, key, pick] of OUTSIDE) {
        it(`does not hold ${what}`, () => {
            const tables = { cloudTrail: cloudTrailTable(layout()), config: configTable(layout()) };
            expect(partitionHolding(pick(tables), key, NOW), key).to.equal(undefined);
        });
    }

    it("reads another bucket's keys under no table, even with the same prefixes", () => {
        const other = cloudTrailTable(layout({ bucketName: "someone-elses-logs" }));
        expect(partitionHolding(other, cloudTrailKey(HOME, "us-east-1", DAYS[2]), NOW)).to.equal(undefined);
    });
});
