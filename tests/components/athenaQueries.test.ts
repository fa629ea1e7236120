import { expect } from "chai";
import { namedQueries } from "../../components/athenaQueries";
import { LogLayout, cloudTrailTable, configTable } from "../../components/athenaTables";

const layout = (extra: Partial<LogLayout> = {}): LogLayout => ({
    partition: "aws",
    accountId: "123456789012",
    bucketName: "network-compliance-logs-123456789012-eu-west-1",
    cloudTrailPrefix: "cloudtrail-logs/",
    configPrefix: "config-logs/",
    projectionStartDate: "2020/01/01",
    ...extra,
});

describe("the named queries", () => {
    const queries = namedQueries({ databaseName: "audit_logs", logBucketName: "network-compliance-logs-123456789012-eu-west-1", accountId: "123456789012" });
    const byId = Object.fromEntries(queries.map((query) => [query.id, query]));

    it("answers the five questions auditors ask first", () => {
        expect(queries.map((query) => query.id)).to.deep.equal(["root-account-use", "console-sign-in-without-mfa", "log-bucket-protection-changes", "kms-key-disable-or-deletion", "config-non-compliant"]);
        expect(byId["root-account-use"].query).to.match(/useridentity\.type = 'Root'/);
        expect(byId["console-sign-in-without-mfa"].query).to.match(/eventname = 'ConsoleLogin'/).and.match(/MFAUsed/);
        expect(byId["log-bucket-protection-changes"].query).to.match(/'\$\.bucketName'\) = 'network-compliance-logs-123456789012-eu-west-1'/);
        for (const event of ["PutBucketPolicy", "DeleteBucketPolicy", "PutBucketEncryption", "DeleteBucketEncryption", "PutBucketPublicAccessBlock", "DeleteBucketPublicAccessBlock"]) {
            expect(byId["log-bucket-protection-changes"].query).to.include(`'${event}'`);
        }
        expect(byId["kms-key-disable-or-deletion"].query).to.include("'DisableKey', 'ScheduleKeyDeletion'");
        expect(byId["config-non-compliant"].query).to.match(/NON_COMPLIANT/).and.match(/"audit_logs"\."config_history"/);
    });

    it("carries a one-line question and the source of its filter, in the description and at the head of the SQL", () => {
        for (const query of queries) {
            expect(query.question, query.id).to.match(/\?/).and.not.include("\n");
            expect(query.filterSource, query.id).to.match(/CIS AWS Foundations Benchmark|Security Hub|AWS Config developer guide/).and.not.include("\n");
            expect(query.query.split("\n").slice(0, 2), query.id).to.deep.equal([`-- Question: ${query.question}`, `-- Filter from: ${query.filterSource}`]);
            expect(query.description, query.id).to.include(query.question).and.include(query.filterSource);
            expect(query.description.length, query.id).to.be.at.most(1024);
        }
    });

    it("prunes on the projected day in each service's own format, and on the account (AWS-ATH-400)", () => {
        for (const query of queries.slice(0, 4)) {
            expect(query.query, query.id).to.include("  AND day >= date_format(current_date - interval '30' day, '%Y/%m/%d')\n  AND account = '123456789012'\nORDER BY").and.include('"audit_logs"."cloudtrail_logs"');
        }
        const config = byId["config-non-compliant"].query;
        // Config's unpadded days are listed, today and the 30 days before, each in yyyy/M/d; date_parse is only a backstop.
        expect(config).to.include("day IN (\n    date_format(current_date, '%Y/%c/%e'),\n    date_format(current_date - interval '1' day, '%Y/%c/%e'),");
        expect(config).to.include("    date_format(current_date - interval '30' day, '%Y/%c/%e')\n  )\n  AND date_parse(day, '%Y/%c/%e') >= current_date - interval '30' day\n  AND account = '123456789012'\nORDER BY");
        expect(config.match(/date_format\(/g)).to.have.length(31);
    });

    it("is each one SELECT over one of the two tables, filtered, newest first", () => {
        for (const query of queries) {
            const sql = query.query.split("\n").slice(2).join("\n");
            expect(sql, query.id).to.match(/^SELECT [\s\S]+\nFROM "audit_logs"\."(cloudtrail_logs|config_history)"\n(CROSS JOIN UNNEST\(configurationitems\) AS t\(item\)\n)?WHERE [\s\S]+\nORDER BY \w+ DESC$/);
            expect(query.name.length, query.id).to.be.within(1, 128);
            expect(query.description, query.id).to.include("30 days");
        }
    });

    it("reads only columns and struct fields its table has (AWS-CT-400, AWS-CFG-400)", () => {
        const tables = { cloudtrail_logs: cloudTrailTable(layout()), config_history: configTable(layout()) };
        for (const query of queries) {
            const tableName = /FROM "audit_logs"\."(\w+)"/.exec(query.query)?.[1] as keyof typeof tables;
            const table = tables[tableName];
            const types = new Map<string, string>([...table.storageDescriptor.columns.map((column): [string, string] => [column.name, column.type]), ...table.partitionKeys.map((key): [string, string] => [key.name, key.type])]);
            // The UNNEST alias stands for one element of the array column.
            const unnested = /UNNEST\((\w+)\) AS t\((\w+)\)/.exec(query.query);
            if (unnested) {
                types.set(unnested[2], /^array<(.*)>$/.exec(types.get(unnested[1]) ?? "")?.[1] ?? "");
            }
            const code = query.query
                .split("\n")
                .filter((line) => !line.startsWith("--"))
                .join("\n")
                .replace(/'[^']*'/g, "''")
                .replace(/"[^"]*"\."[^"]*"/g, "");
            const references = [...code.matchAll(/\b([a-z_]+)((?:\.[A-Za-z]+)+)/g)].map((match) => [match[1], ...match[2].slice(1).split(".")]);
            const bare = [...code.matchAll(/(?:SELECT|,|\(|WHERE|AND)\s+([a-z_]+)\b(?!\s*[.(])/g)].map((match) => [match[1]]);
            expect(references.length + bare.length, query.id).to.be.greaterThan(2);
            for (const path of [...references, ...bare]) {
                let type = types.get(path[0]);
                expect(type, `${query.id}: ${path.join(".")}`).to.be.a("string");
                for (const field of path.slice(1)) {
                    const fields = new Map(structFields(type ?? "").map(([name, fieldType]) => [name.toLowerCase(), fieldType]));
                    type = fields.get(field.toLowerCase());
                    expect(type, `${query.id}: ${path.join(".")}`).to.be.a("string");
                }
            }
        }
    });

    it("asks each question the way the CIS benchmark's filters do", () => {
        // Root use: the root identity, not a service acting for it, and not an AWS service event.
        expect(byId["root-account-use"].query).to.include("WHERE useridentity.type = 'Root'\n  AND useridentity.invokedby IS NULL\n  AND eventtype <> 'AwsServiceEvent'\n");
        // Sign-ins without MFA: IAM users and root only (federated and Identity Center sign-ins log MFAUsed No), successful ones, MFAUsed absent or not Yes.
        expect(byId["console-sign-in-without-mfa"].query).to.include(
            "WHERE eventname = 'ConsoleLogin'\n  AND useridentity.type IN ('IAMUser', 'Root')\n  AND json_extract_scalar(responseelements, '$.ConsoleLogin') = 'Success'\n  AND coalesce(json_extract_scalar(additionaleventdata, '$.MFAUsed'), 'No') <> 'Yes'\n",
        );
        expect(byId["config-non-compliant"].query).to.include("item.resourceId AS resource, item.configuration.complianceType AS compliance\n");
    });
});

/** The fields of a Hive `struct<name:type,...>` type, nested types kept whole. */
function structFields(type: string): [string, string][] {
    const body = /^struct<(.*)>$/.exec(type)?.[1];
    if (body === undefined) {
        return [];
    }
    const fields: [string, string][] = [];
    let depth = 0;
    let start = 0;
    for (let index = 0; index <= body.length; index++) {
        const char = body[index];
        if (char === "<") depth++;
        if (char === ">") depth--;
        if ((char === "," && depth === 0) || index === body.length) {
            const field = body.slice(start, index);
            const colon = field.indexOf(":");
            fields.push([field.slice(0, colon), field.slice(colon + 1)]);
            start = index + 1;
        }
    }
    return fields;
}
