import { expect } from "chai";
import { LIFECYCLE_RULE_IDS, lifecycleRules } from "../../components/lifecycle";

const SETTINGS = { glacierAfterDays: 90, deepArchiveAfterDays: 180, retentionDays: 2555, noncurrentVersionExpirationDays: 90, archiveMinObjectBytes: 131072, instantRetrievalMinObjectBytes: 49152 };

describe("the lifecycle builder", () => {
    const rules = lifecycleRules(SETTINGS);
    const byId = (id: string) => rules.find((rule) => rule.id === id);

    it("archives objects above the size threshold to Glacier, then Deep Archive", () => {
        expect(byId(LIFECYCLE_RULE_IDS.archive)).to.deep.equal({
            id: "archive-audit-logs",
            status: "Enabled",
            filter: { objectSizeGreaterThan: 131072 },
            transitions: [
                { days: 90, storageClass: "GLACIER" },
                { days: 180, storageClass: "DEEP_ARCHIVE" },
            ],
        });
    });

    it("moves objects between 48 KiB and 128 KiB to Glacier Instant Retrieval on the first archive day", () => {
        expect(byId(LIFECYCLE_RULE_IDS.archiveSmall)).to.deep.equal({
            id: "archive-small-audit-logs",
            status: "Enabled",
            filter: { and: { objectSizeGreaterThan: 49152, objectSizeLessThan: 131073 } },
            transitions: [{ days: 90, storageClass: "GLACIER_IR" }],
        });
    });

    it("drops the Instant Retrieval rule when its band is empty", () => {
        const ids = lifecycleRules({ ...SETTINGS, instantRetrievalMinObjectBytes: 131072 }).map((rule) => rule.id);
        expect(ids).not.to.include(LIFECYCLE_RULE_IDS.archiveSmall);
        expect(ids).to.include(LIFECYCLE_RULE_IDS.archive);
    });

    it("expires every non-empty object at retention and noncurrent versions after their period, keeping prefix markers", () => {
        expect(byId(LIFECYCLE_RULE_IDS.expire)).to.deep.equal({
            id: "expire-audit-logs",
            status: "Enabled",
            filter: { objectSizeGreaterThan: 0 },
            expiration: { days: 2555 },
            noncurrentVersionExpiration: { noncurrentDays: 90 },
        });
    });

    it("aborts incomplete uploads after 7 days and removes orphaned delete markers, in a rule without size filters", () => {
        expect(byId(LIFECYCLE_RULE_IDS.housekeeping)).to.deep.equal({
            id: "abort-uploads-and-clean-delete-markers",
            status: "Enabled",
            filter: { prefix: "" },
            expiration: { expiredObjectDeleteMarker: true },
            abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
        });
    });

    it("gives every rule a unique id", () => {
        expect(new Set(rules.map((rule) => rule.id)).size).to.equal(rules.length);
    });
});
