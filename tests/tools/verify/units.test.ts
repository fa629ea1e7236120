import { expect } from "chai";
import { chooseEndpoint, checkEndpoint } from "../../../tools/verify/clients";
import { datePath, datedBases } from "../../../tools/verify/deliveries";
import { canonical } from "../../../tools/verify/drift";
import { MissingBucketError, explainAwsError } from "../../../tools/verify/errors";

describe("verify: dated delivery prefixes", () => {
    const rows: [Parameters<typeof datePath>[0], string, string][] = [
        ["cloudTrail", "2026-03-05T23:59:00Z", "2026/03/05/"],
        ["config", "2026-03-05T23:59:00Z", "2026/3/5/"],
        ["config", "2026-11-28T00:00:00Z", "2026/11/28/"],
        ["securityHub", "2026-01-09T12:00:00Z", "2026/01/09/"],
        ["cloudTrail", "2026-12-31T23:00:00-05:00", "2027/01/01/"],
    ];
    for (const [service, at, expected] of rows) {
        it(`dates ${service} at ${at} as ${expected} (UTC)`, () => {
            expect(datePath(service, new Date(at))).to.equal(expected);
        });
    }

    it("looks under the organization layout first, then the account's own, for an organization trail", () => {
        expect(datedBases({ region: "eu-west-1", organizationId: "o-abc" }, "cloudTrail", "ct/", "111111111111")).to.deep.equal(["ct/AWSLogs/o-abc/111111111111/CloudTrail/eu-west-1/", "ct/AWSLogs/111111111111/CloudTrail/eu-west-1/"]);
        expect(datedBases({ region: "eu-west-1" }, "cloudTrail", "ct/", "111111111111")).to.deep.equal(["ct/AWSLogs/111111111111/CloudTrail/eu-west-1/"]);
        expect(datedBases({ region: "eu-west-1", organizationId: "o-abc" }, "config", "cfg/", "111111111111")).to.deep.equal(["cfg/AWSLogs/111111111111/Config/eu-west-1/"]);
    });
});

describe("verify: errors say what to do, never with a trace", () => {
    const rows: { what: string; error: unknown; says: string[] }[] = [
        { what: "no credentials", error: Object.assign(new Error("Could not load credentials from any providers"), { name: "CredentialsProviderError" }), says: ["no AWS credentials found", "AWS_ACCESS_KEY_ID", "AWS_PROFILE", "aws sso login"] },
        { what: "expired credentials", error: { name: "ExpiredToken", message: "The security token included in the request is expired", $metadata: { httpStatusCode: 403 } }, says: ["credentials were refused (ExpiredToken on s3:GetBucketPolicy)"] },
        { what: "an unreachable endpoint", error: { name: "Error", code: "ECONNREFUSED", message: "connect ECONNREFUSED 127.0.0.1:1" }, says: ["got no answer from AWS (ECONNREFUSED", "--endpoint-url"] },
        { what: "another error code", error: { name: "InternalError", message: "We encountered an internal error", $metadata: { httpStatusCode: 500 } }, says: ["s3:GetBucketPolicy on bucket b failed: InternalError (HTTP 500)"] },
    ];
    for (const row of rows) {
        it(`explains ${row.what}`, () => {
            const message = explainAwsError("s3:GetBucketPolicy", "bucket b", row.error).message;
            for (const text of row.says) {
                expect(message).to.include(text);
            }
            expect(message).not.to.include("\n");
        });
    }

    it("keeps NoSuchBucket apart, naming the bucket", () => {
        const error = explainAwsError("s3:GetBucketLocation", "bucket gone", { name: "NoSuchBucket", message: "", $metadata: { httpStatusCode: 404 } });
        expect(error).to.be.instanceOf(MissingBucketError);
        expect((error as MissingBucketError).bucket).to.equal("gone");
    });
});

describe("verify: the endpoint", () => {
    it("takes --endpoint-url over AWS_ENDPOINT_URL, and AWS itself when neither is set", () => {
        expect(chooseEndpoint("http://127.0.0.1:1", { AWS_ENDPOINT_URL: "http://127.0.0.1:2" })).to.equal("http://127.0.0.1:1");
        expect(chooseEndpoint(undefined, { AWS_ENDPOINT_URL: "http://127.0.0.1:2" })).to.equal("http://127.0.0.1:2");
        expect(chooseEndpoint(undefined, { AWS_ENDPOINT_URL: "" })).to.equal(undefined);
    });

    it("refuses an endpoint that is not an http(s) URL, naming the value", () => {
        expect(() => checkEndpoint("127.0.0.1:4566")).to.throw('--endpoint-url "127.0.0.1:4566"');
        expect(() => checkEndpoint("ftp://127.0.0.1")).to.throw("must be http:// or https://");
        expect(() => checkEndpoint("https://s3.local:4566")).not.to.throw();
    });
});

describe("verify: policies compared as AWS stores them", () => {
    it("ignores key order, one-element lists and the order of values", () => {
        expect(canonical({ Effect: "Allow", Action: ["s3:GetObject"], Resource: ["b", "a"] })).to.equal(canonical({ Resource: ["a", "b"], Action: "s3:GetObject", Effect: "Allow" }));
        expect(canonical({ Effect: "Allow", Action: "s3:GetObject" })).not.to.equal(canonical({ Effect: "Deny", Action: "s3:GetObject" }));
    });
});
