import { CloudTrailClient, ListPublicKeysCommand } from "@aws-sdk/client-cloudtrail";
import { GetObjectCommand, HeadObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { expect } from "chai";
import { startFakeAws } from "../../support/fakeAws/server";
import { BUCKET, CREDENTIALS, MEMBER, emptyBucket, trailAccount, trailKeys } from "./integritySupport";

/** The local endpoint's object, CloudTrail and STS calls, driven by the SDK clients the verifier uses. */
describe("the local endpoint: GetObject, HeadObject, ListPublicKeys and AssumeRole on the wire", () => {
    it("answers GetObject with the body and x-amz-meta-* metadata, HeadObject without a body, and InvalidObjectState for an archived object (AWS-S3-300)", async () => {
        const account = trailAccount();
        account.buckets[BUCKET].objects.push(
            { key: "a/b c.json.gz", lastModified: new Date(), size: 3, body: Buffer.from("abc"), metadata: { signature: "ff00", "signature-algorithm": "SHA256withRSA" } },
            { key: "old.json.gz", lastModified: new Date(), size: 3, body: Buffer.from("old"), storageClass: "DEEP_ARCHIVE" },
        );
        const fake = await startFakeAws(account);
        const s3 = new S3Client({ region: "us-east-1", endpoint: fake.endpoint, forcePathStyle: true, credentials: CREDENTIALS });
        try {
            const got = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: "a/b c.json.gz" }));
            expect(await got.Body?.transformToString()).to.equal("abc");
            expect(got.Metadata).to.deep.equal({ signature: "ff00", "signature-algorithm": "SHA256withRSA" });
            const head = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: "old.json.gz" }));
            expect(head.StorageClass).to.equal("DEEP_ARCHIVE");
            const archived = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: "old.json.gz" })).catch((error: Error) => error);
            expect((archived as Error).name).to.equal("InvalidObjectState");
            const missing = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: "none" })).catch((error: Error) => error);
            expect((missing as Error).name).to.equal("NotFound");
        } finally {
            s3.destroy();
            await fake.close();
        }
    });

    it("answers ListPublicKeys in the signed region with the key as base64 text of DER PKCS#1 inside the blob (AWS-SDK-300)", async () => {
        const account = trailAccount();
        const fake = await startFakeAws(account);
        const trail = new CloudTrailClient({ region: "eu-west-1", endpoint: fake.endpoint, credentials: CREDENTIALS });
        try {
            const answer = await trail.send(new ListPublicKeysCommand({ StartTime: new Date("2026-03-04T00:00:00Z"), EndTime: new Date("2026-03-05T00:00:00Z") }));
            expect(answer.PublicKeyList?.map((key) => key.Fingerprint)).to.deep.equal([trailKeys().west.fingerprint]);
            expect(Buffer.from(answer.PublicKeyList![0].Value!).toString("ascii")).to.equal(trailKeys().west.der.toString("base64"));
            expect(answer.PublicKeyList![0].ValidityStartTime?.toISOString()).to.equal("2026-01-01T00:00:00.000Z");
        } finally {
            trail.destroy();
            await fake.close();
        }
    });

    it("answers sts:AssumeRole for a role it knows with credentials that then read that role's account, and AccessDenied otherwise (AWS-STS-300)", async () => {
        const account = trailAccount();
        const member = { ...trailAccount(), accountId: MEMBER, buckets: { other: emptyBucket() } };
        account.roles = { [`arn:aws:iam::${MEMBER}:role/AuditVerifier`]: member };
        const fake = await startFakeAws(account);
        const sts = new STSClient({ region: "us-east-1", endpoint: fake.endpoint, credentials: CREDENTIALS });
        try {
            const assumed = await sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${MEMBER}:role/AuditVerifier`, RoleSessionName: "verify" }));
            expect(assumed.AssumedRoleUser?.Arn).to.equal(`arn:aws:sts::${MEMBER}:assumed-role/AuditVerifier/verify`);
            const credentials = { accessKeyId: assumed.Credentials!.AccessKeyId!, secretAccessKey: assumed.Credentials!.SecretAccessKey!, sessionToken: assumed.Credentials!.SessionToken };
            const asMember = new STSClient({ region: "us-east-1", endpoint: fake.endpoint, credentials });
            expect((await asMember.send(new GetCallerIdentityCommand({}))).Account).to.equal(MEMBER);
            asMember.destroy();
            const denied = await sts.send(new AssumeRoleCommand({ RoleArn: "arn:aws:iam::555555555555:role/AuditVerifier", RoleSessionName: "verify" })).catch((error: Error) => error);
            expect((denied as Error).name).to.equal("AccessDenied");
        } finally {
            sts.destroy();
            await fake.close();
        }
    });
});
