import { expect } from "chai";
import { CONFIG_KEYS, argsFromStackConfig, nearestKey } from "../../components/config";

function fromConfig(values: Record<string, string>, region: string | undefined = "eu-west-1", caller = "123456789012") {
    return argsFromStackConfig((key) => values[key], region, caller);
}

describe("reading the stack config", () => {
    it("turns numbers, lists and booleans into args", () => {
        const { args, problems } = fromConfig({
            accountId: "111111111111",
            encryption: "SSE_KMS",
            retentionDays: "730",
            readerArns: '["arn:aws:iam::111111111111:role/r"]',
            allowDeletion: "true",
        });
        expect(problems).to.deep.equal([]);
        expect(args).to.deep.include({ accountId: "111111111111", region: "eu-west-1", encryption: "SSE_KMS", retentionDays: 730, readerArns: ["arn:aws:iam::111111111111:role/r"], allowDeletion: true });
    });

    it("takes the account from the caller's identity when accountId is not set", () => {
        expect(fromConfig({}).args.accountId).to.equal("123456789012");
    });

    it("names the config key of every problem, including rules checked after parsing", () => {
        const { problems } = fromConfig({ retentionDays: "abc", glacierAfterDays: "-3", readerArns: "not json", allowDeletion: "yes", deepArchiveAfterDays: "60" });
        expect(problems.map((p) => [p.field, p.configKey, p.rule])).to.deep.equal([
            ["glacierAfterDays", "audit-log-bucket:glacierAfterDays", "must not be negative"],
            ["retentionDays", "audit-log-bucket:retentionDays", "must be a number"],
            ["readerArns", "audit-log-bucket:readerArns", 'must be a JSON array of strings, e.g. ["arn:aws:iam::123456789012:role/LogReader"]'],
            ["allowDeletion", "audit-log-bucket:allowDeletion", "must be true or false"],
            ["deepArchiveAfterDays", "audit-log-bucket:deepArchiveAfterDays", "must come after glacierAfterDays (90): lifecycle days out of order"],
        ]);
    });

    it("requires aws:region, reported once", () => {
        const { problems } = argsFromStackConfig(() => undefined, undefined, "123456789012");
        expect(problems.filter((p) => p.field === "region")).to.deep.equal([
            { field: "region", value: undefined, rule: "must be set: pulumi config set aws:region <region>", configKey: "aws:region" },
        ]);
    });

    it("names aws:region when the region is not an AWS region", () => {
        const { problems } = fromConfig({}, "mars-1");
        expect(problems.map((p) => [p.field, p.configKey])).to.deep.equal([["region", "aws:region"]]);
    });

    it("reads numbers as pulumi config prints them, and refuses what is not a plain number", () => {
        expect(fromConfig({ retentionDays: " 730 " }).args.retentionDays).to.equal(730);
        for (const [raw, rule] of [
            ["1e3", "must be a number"],
            ["730days", "must be a number"],
            ["days730", "must be a number"],
            ["7.", "must be a number"],
            ["-0.5", "must not be negative"],
        ]) {
            expect(fromConfig({ retentionDays: raw }).problems.map((p) => p.rule), raw).to.deep.equal([rule]);
        }
        expect(fromConfig({ glacierAfterDays: "0" }).problems.map((p) => [p.configKey, p.rule])).to.deep.equal([["audit-log-bucket:glacierAfterDays", "must be a whole number of days from 1 to 2147483647"]]);
        expect(fromConfig({ glacierAfterDays: "90.5" }).problems[0]).to.include({ configKey: "audit-log-bucket:glacierAfterDays", value: 90.5 });
    });

    it("reads false as false, and refuses lists that are not all strings", () => {
        expect(fromConfig({ allowDeletion: "false" }).args.allowDeletion).to.equal(false);
        expect(fromConfig({ readerArns: '["arn:aws:iam::123456789012:role/r", 7]' }).problems.map((p) => p.field)).to.deep.equal(["readerArns"]);
        expect(fromConfig({ readerArns: '{"a": 1}' }).problems.map((p) => p.field)).to.deep.equal(["readerArns"]);
    });

    const EVENTBRIDGE_ROWS: { raw: string | undefined; arg?: boolean; rule?: string }[] = [
        { raw: undefined, arg: undefined },
        { raw: "true", arg: true },
        { raw: "false", arg: false },
        { raw: "yes", rule: "must be true or false" },
        { raw: "1", rule: "must be true or false" },
        { raw: "False", rule: "must be true or false" },
        { raw: "", rule: "must be true or false" },
    ];
    for (const row of EVENTBRIDGE_ROWS) {
        it(`reads audit-log-bucket:eventBridgeNotifications ${row.raw === undefined ? "left out" : JSON.stringify(row.raw)} as ${row.rule ? "an error naming the key" : String(row.arg)}`, () => {
            const { args, problems } = fromConfig(row.raw === undefined ? {} : { eventBridgeNotifications: row.raw });
            if (row.rule) {
                expect(problems).to.deep.equal([{ field: "eventBridgeNotifications", value: row.raw, rule: row.rule, configKey: "audit-log-bucket:eventBridgeNotifications" }]);
                expect(args).not.to.have.property("eventBridgeNotifications");
            } else {
                expect(problems).to.deep.equal([]);
                expect(args.eventBridgeNotifications).to.equal(row.arg);
            }
        });
    }

    it("reads audit-log-bucket:bucketNamespace, and names the key when the region does not offer it (AWS-S3-603)", () => {
        expect(fromConfig({ bucketNamespace: "account-regional" })).to.deep.nested.include({ "args.bucketNamespace": "account-regional", problems: [] });
        const { problems } = fromConfig({ bucketNamespace: "account-regional" }, "me-central-1");
        expect(problems.map((p) => [p.field, p.configKey])).to.deep.equal([["bucketNamespace", "audit-log-bucket:bucketNamespace"]]);
        expect(problems[0].rule).to.match(/not offered in me-central-1/);
    });

    it("reads the central log-archive and access-log keys", () => {
        const { args, problems } = fromConfig({
            organizationId: "o-a1b2c3d4e5",
            managementAccountId: "777777777777",
            sourceAccountIds: '["888888888888"]',
            createAccessLogBucket: "true",
        });
        expect(problems).to.deep.equal([]);
        expect(args).to.deep.include({ organizationId: "o-a1b2c3d4e5", managementAccountId: "777777777777", sourceAccountIds: ["888888888888"], createAccessLogBucket: true });
    });

    it("reads sourceOrgPaths as a JSON list, and names its config key in a problem", () => {
        const archive = { accountId: "666666666666", organizationId: "o-a1b2c3d4e5", managementAccountId: "777777777777" };
        const good = fromConfig({ ...archive, sourceOrgPaths: '["o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*"]' });
        expect(good.problems).to.deep.equal([]);
        expect(good.args.sourceOrgPaths).to.deep.equal(["o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*"]);
        const bad = fromConfig({ ...archive, sourceOrgPaths: '["ou-ab12-11111111"]' });
        expect(bad.problems.map((p) => [p.field, p.configKey])).to.deep.equal([["sourceOrgPaths[0]", "audit-log-bucket:sourceOrgPaths"]]);
    });

    it("reads every key of CONFIG_KEYS into the arg of the same name: one list for reading and for the typo check", () => {
        const sample: Record<string, string> = {};
        // The Athena and vault keys are parsed by athenaArgsFromConfig and vaultArgsFromConfig, with tests of their own.
        const ours = CONFIG_KEYS.filter((key) => !key.startsWith("athena") && !key.startsWith("vault"));
        expect(ours.length).to.be.greaterThan(20);
        for (const key of ours) {
            sample[key] = "1";
        }
        // Values of the wrong type are reported, not dropped silently: each key either became an arg or a problem.
        const { args, problems } = fromConfig(sample);
        for (const key of ours) {
            expect(key in args || problems.some((p) => p.configKey === `audit-log-bucket:${key}`), key).to.equal(true);
        }
    });

    const TYPOS: [string, string][] = [
        ["retentionDay", "retentionDays"],
        ["retentiondays", "retentionDays"],
        ["readerArn", "readerArns"],
        ["glacierAfterDyas", "glacierAfterDays"],
        ["accesLogBucket", "accessLogBucket"],
        ["organisationId", "organizationId"],
        ["sourceAccounts", "sourceAccountIds"],
        ["sourceOrgPath", "sourceOrgPaths"],
        ["eventBridgeNotification", "eventBridgeNotifications"],
        ["eventbridge", "eventBridgeNotifications"],
        ["retention", "retentionDays"],
        ["days", "retentionDays"],
        ["lock", "objectLockMode"],
        ["bucket", "accessLogBucket"],
        ["namespace", "bucketNamespace"],
        ["bucketNameSpace", "bucketNamespace"],
    ];
    for (const [typo, meant] of TYPOS) {
        it(`refuses the unknown key audit-log-bucket:${typo}, suggesting ${meant}`, () => {
            const { problems } = argsFromStackConfig(() => undefined, "eu-west-1", "123456789012", { [`audit-log-bucket:${typo}`]: "10", "aws:region": "eu-west-1" });
            expect(problems).to.deep.equal([
                {
                    field: typo,
                    value: "10",
                    rule: `is not a config key of audit-log-bucket, so it would be ignored; did you mean audit-log-bucket:${meant}?`,
                    configKey: `audit-log-bucket:${typo}`,
                },
            ]);
        });
    }

    it("accepts every known key and leaves other namespaces alone", () => {
        const present: Record<string, string> = { "aws:region": "eu-west-1", "aws:allowedAccountIds": "[]", "other-project:retentionDay": "1" };
        for (const key of CONFIG_KEYS) {
            present[`audit-log-bucket:${key}`] = "";
        }
        const { problems } = argsFromStackConfig(() => undefined, "eu-west-1", "123456789012", present);
        expect(problems).to.deep.equal([]);
        expect(nearestKey("ALLOWDELETION")).to.equal("allowDeletion");
    });
});
