import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { VAULT_CONFIG_KEYS } from "../../components/vault/settings";

const README = fs.readFileSync(path.resolve(__dirname, "..", "..", "README.md"), "utf8");

function section(title: string): string {
    const start = README.indexOf(title);
    expect(start, title).to.be.greaterThan(-1);
    const next = README.indexOf("\n## ", start + title.length);
    return README.slice(start, next === -1 ? undefined : next);
}

describe("the README's vault sections", () => {
    const vault = section("## A WORM vault in another region");

    it("lists every vault config key, configDelivery and bucketNameSuffix in its table", () => {
        for (const key of [...VAULT_CONFIG_KEYS, "configDelivery", "bucketNameSuffix"]) {
            expect(vault, key).to.include(`| \`${key}\` |`);
        }
    });

    it("migrates by switching AWS Config first, then the trails, then the other writers", () => {
        const migration = section("### Migrating an Object Lock bucket to a vault");
        const config = migration.indexOf("put-delivery-channel");
        const trails = migration.indexOf("update-trail");
        const others = migration.indexOf("SSM-SessionManagerRunShell");
        expect(config).to.be.greaterThan(-1);
        expect(trails).to.be.greaterThan(config);
        expect(others).to.be.greaterThan(trails);
    });

    // AWS-S3-212: a locked source replicates only into a locked destination, so the old bucket's objects go to the vault.
    it("copies the old bucket's objects into the vault, not the new bucket, restoring archived objects first (AWS-S3-212, AWS-S3-206)", () => {
        const migration = section("### Migrating an Object Lock bucket to a vault");
        expect(migration).to.match(/Batch Replication/);
        expect(migration).to.match(/destination is the vault \(not\s+the new bucket/);
        expect(migration).to.match(/Glacier Flexible Retrieval or Deep Archive are not replicated.*restore them first/s);
        expect(migration).to.include("bucketNameSuffix");
    });
});
