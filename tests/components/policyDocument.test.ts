import { expect } from "chai";
import { TLS_ONLY_SIDS, oneOrMany, policyDocument, tlsOnlyStatements } from "../../components/policyDocument";

const ARN = "arn:aws:s3:::network-compliance-logs-123456789012-us-east-1";

describe("the policy document shape", () => {
    it("wraps statements in a 2012-10-17 document, in the order given", () => {
        const statements = tlsOnlyStatements(ARN).reverse();
        expect(policyDocument(statements)).to.deep.equal({ Version: "2012-10-17", Statement: statements });
        expect(policyDocument([])).to.deep.equal({ Version: "2012-10-17", Statement: [] });
    });

    it("names the TLS-only pair DenyInsecureTransport and DenyOutdatedTls", () => {
        expect(TLS_ONLY_SIDS).to.deep.equal({ denyInsecureTransport: "DenyInsecureTransport", denyOutdatedTls: "DenyOutdatedTls" });
    });

    it("denies every S3 call on the bucket and its objects without TLS, and with TLS older than 1.2", () => {
        expect(tlsOnlyStatements(ARN)).to.deep.equal([
            { Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [ARN, `${ARN}/*`], Condition: { Bool: { "aws:SecureTransport": "false" } } },
            { Sid: "DenyOutdatedTls", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [ARN, `${ARN}/*`], Condition: { NumericLessThan: { "s3:TlsVersion": "1.2" } } },
        ]);
    });

    const ONE_OR_MANY: [string, string[], string | string[]][] = [
        ["keeps one value a string", ["s3:PutObject"], "s3:PutObject"],
        ["keeps two values a list", ["s3:PutObject", "s3:GetObject"], ["s3:PutObject", "s3:GetObject"]],
        ["keeps no value an empty list", [], []],
    ];
    for (const [what, values, expected] of ONE_OR_MANY) {
        it(`oneOrMany ${what}`, () => {
            expect(oneOrMany(values)).to.deep.equal(expected);
        });
    }

    it("oneOrMany returns a copy, not the caller's list", () => {
        const values = ["a", "b"];
        const result = oneOrMany(values);
        (result as string[]).push("c");
        expect(values).to.deep.equal(["a", "b"]);
    });
});
