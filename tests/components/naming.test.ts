import { expect } from "chai";
import { ACCOUNT_REGIONAL_UNAVAILABLE_REGIONS, accountRegionalNameProblems, bucketName, bucketNameProblems } from "../../components/naming";

describe("bucket naming", () => {
    it("joins prefix, account and region", () => {
        expect(bucketName("network-compliance-logs", "123456789012", "eu-west-1")).to.equal("network-compliance-logs-123456789012-eu-west-1");
        expect(bucketName("network-compliance-logs", "123456789012", "eu-west-1", "global")).to.equal("network-compliance-logs-123456789012-eu-west-1");
    });

    it("ends the name with -<account>-<region>-an in the account-regional namespace, the form S3 requires there (AWS-S3-602)", () => {
        const name = bucketName("network-compliance-logs", "123456789012", "eu-west-1", "account-regional");
        expect(name).to.equal("network-compliance-logs-123456789012-eu-west-1-an");
        expect(accountRegionalNameProblems(name, "123456789012", "eu-west-1")).to.deep.equal([]);
        expect(bucketNameProblems(name)).to.deep.equal([]);
    });

    const regional: [string, string, string, RegExp | null][] = [
        ["logs-123456789012-us-east-1-an", "123456789012", "us-east-1", null],
        ["logs-123456789012-us-east-1", "123456789012", "us-east-1", /followed by "-123456789012-us-east-1-an"/],
        ["logs-999999999999-us-east-1-an", "123456789012", "us-east-1", /followed by "-123456789012-us-east-1-an"/],
        ["logs-123456789012-eu-west-1-an", "123456789012", "us-east-1", /followed by "-123456789012-us-east-1-an"/],
        ["-123456789012-us-east-1-an", "123456789012", "us-east-1", /a prefix followed by/],
        ["logs-123456789012-me-south-1-an", "123456789012", "me-south-1", /not offered in me-south-1/],
        ["logs-123456789012-me-central-1-an", "123456789012", "me-central-1", /not offered in me-central-1/],
    ];
    for (const [name, account, region, problem] of regional) {
        it(problem ? `refuses "${name}" for ${account} in ${region} (${problem.source})` : `accepts "${name}" for ${account} in ${region}`, () => {
            const problems = accountRegionalNameProblems(name, account, region);
            if (problem) {
                expect(problems.some((p) => problem.test(p)), problems.join("; ")).to.equal(true);
            } else {
                expect(problems).to.deep.equal([]);
            }
        });
    }

    it("refuses the account-regional namespace only in the two regions AWS names, not in GovCloud or China (AWS-S3-603)", () => {
        expect(ACCOUNT_REGIONAL_UNAVAILABLE_REGIONS).to.deep.equal(["me-south-1", "me-central-1"]);
        for (const region of ["us-gov-west-1", "cn-north-1", "il-central-1", "eu-west-1"]) {
            expect(accountRegionalNameProblems(bucketName("logs", "123456789012", region, "account-regional"), "123456789012", region), region).to.deep.equal([]);
        }
    });

    const rows: [string, RegExp | null][] = [
        ["abc", null],
        ["a".repeat(63), null],
        ["my.logs-1", null],
        ["ab", /3 to 63/],
        ["a".repeat(64), /3 to 63/],
        ["Logs", /lowercase/],
        ["logs-", /begin and end/],
        [".logs", /begin and end/],
        ["my..logs", /adjacent dots/],
        ["192.168.5.4", /IP address/],
        ["xn--logs", /xn--/],
        ["sthree-logs", /sthree-/],
        ["amzn-s3-demo-logs", /amzn-s3-demo-/],
        ["logs-s3alias", /-s3alias/],
        ["logs--ol-s3", /--ol-s3/],
        ["logs.mrap", /\.mrap/],
        ["logs--x-s3", /--x-s3/],
        ["logs--table-s3", /--table-s3/],
    ];
    it("reports one rule per problem: an empty name only breaks the length rule, one character too", () => {
        expect(bucketNameProblems("")).to.deep.equal(["must be 3 to 63 characters long (it is 0)"]);
        expect(bucketNameProblems("a")).to.deep.equal(["must be 3 to 63 characters long (it is 1)"]);
        expect(bucketNameProblems("-")).to.have.length(2);
    });

    it("treats only a whole name of four numbers as an IP address", () => {
        expect(bucketNameProblems("logs1.2.3.4")).to.deep.equal([]);
        expect(bucketNameProblems("1.2.3.4logs")).to.deep.equal([]);
        expect(bucketNameProblems("10.0.0.1")).to.deep.equal(["must not be formatted as an IP address"]);
    });

    for (const [name, problem] of rows) {
        it(problem ? `rejects "${name}" (${problem.source})` : `accepts "${name}"`, () => {
            const problems = bucketNameProblems(name);
            if (problem) {
                expect(problems.some((p) => problem.test(p)), problems.join("; ")).to.equal(true);
            } else {
                expect(problems).to.deep.equal([]);
            }
        });
    }
});
