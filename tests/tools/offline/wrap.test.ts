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
        it(`keeps every line of ${name} within ${width} columns and loses no character`, () => {
            const wrapped = wrapText(text, width);
            for (const line of wrapped.split("\n")) {
                expect(line.length, line).to.be.at.most(width);
            }
            const visible = (value: string): string => value.replace(/[\s│]/g, "");
            expect(visible(wrapped)).to.equal(visible(text));
            expect(wrapped.split("\n").length).to.be.greaterThan(1);
        });
    }

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
