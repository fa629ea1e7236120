import { expect } from "chai";
import { argsFromStackConfig } from "../../components/config";

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

    it("requires aws:region", () => {
        const { problems } = argsFromStackConfig(() => undefined, undefined, "123456789012");
        expect(problems[0]).to.include({ field: "region", configKey: "aws:region" });
    });
});
