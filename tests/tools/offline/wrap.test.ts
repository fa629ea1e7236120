import { expect } from "chai";
import { terminalWidth, wrapText } from "../../../tools/offline/wrap";

const URN = "urn:pulumi:prod::audit-log-bucket::audit-logs:index:AuditLogBucket$aws:s3/bucketPolicy:BucketPolicy::audit-logs-policy";

describe("wrapping text output to the terminal width", () => {
    const cases: { name: string; text: string; width: number }[] = [
        { name: "a message of many words", text: `        ${"the bucket policy does not deny requests without TLS; add a statement ".repeat(3)}`, width: 60 },
        { name: "a URN longer than the line", text: `    [mandatory]  audit-log-bucket: s3-no-public-acl  (${URN})`, width: 50 },
        { name: "a plan tree line", text: ` +      ├─ aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration  audit-logs-encryption  create`, width: 80 },
        { name: "a narrow terminal", text: "Previewing update (prod), offline: the program ran under mocks, no credentials and no AWS calls", width: 40 },
    ];
    for (const { name, text, width } of cases) {
        it(`keeps every line of ${name} within ${width} columns, breaking between words only`, () => {
            const wrapped = wrapText(text, width);
            for (const line of wrapped.split("\n")) {
                // Only a word longer than the line may pass the width, alone on its line.
                const words = line.replace(/[│├└─+]/g, " ").trim().split(/\s+/);
                expect(line.length <= width || (words.length === 1 && words[0].length > width - 20), line).to.equal(true);
            }
            const words = (value: string): string[] => value.replace(/[│├└─+]/g, " ").trim().split(/\s+/);
            expect(words(wrapped)).to.deep.equal(words(text));
            expect(wrapped.split("\n").length).to.be.greaterThan(1);
        });
    }

    it("never cuts a URN, an ARN or a type token: each stays whole on one line, to be grepped in a CI log", () => {
        const arn = "arn:aws:iam::222222222222:role/security/siem-reader-with-a-long-path-name";
        const text = `    [mandatory]  audit-log-bucket: s3-no-public-acl  (${URN}) reader ${arn} aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration`;
        const lines = wrapText(text, 60).split("\n");
        for (const token of [URN, arn, "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration"]) {
            expect(lines.some((line) => line.includes(token)), token).to.equal(true);
        }
    });

    it("leaves a short line exactly as it was, column alignment included", () => {
        const line = "    mandatory  s3-bucket-owner-enforced             passed";
        expect(wrapText(line, 80)).to.equal(line);
    });

    it("continues a wrapped plan-tree line under its branch", () => {
        const lines = wrapText(` +      ├─ aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock  audit-logs-public-access-block  create`, 70).split("\n");
        expect(lines[1]).to.match(/^ {8}│ {5,}\S/);
    });

    it("uses 80 columns when stdout is not a terminal and the terminal's width when it is", () => {
        expect(terminalWidth({ isTTY: false, columns: 200 })).to.equal(80);
        expect(terminalWidth({})).to.equal(80);
        expect(terminalWidth({ isTTY: true, columns: 132 })).to.equal(132);
    });
});
