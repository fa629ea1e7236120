import { createPublicKey, createVerify, KeyObject } from "crypto";

/** A digest file's members the validator reads (CloudTrail user guide, "CloudTrail digest file structure"). */
export interface DigestFile {
    digestStartTime: string;
    digestEndTime: string;
    digestS3Bucket: string;
    digestS3Object: string;
    digestPublicKeyFingerprint: string;
    digestSignatureAlgorithm?: string;
    previousDigestS3Bucket?: string | null;
    previousDigestS3Object?: string | null;
    previousDigestHashValue?: string | null;
    previousDigestHashAlgorithm?: string | null;
    previousDigestSignature: string | null;
    logFiles: { s3Bucket: string; s3Object: string; hashValue: string; hashAlgorithm?: string }[];
}

/** The members the AWS CLI requires before it validates a digest (`DigestTraverser.required_digest_keys`). */
const REQUIRED = ["digestPublicKeyFingerprint", "digestS3Bucket", "digestS3Object", "previousDigestSignature", "digestEndTime", "digestStartTime"] as const;

/** Parses an inflated digest; undefined when it is not JSON or lacks a required member ("invalid format"). */
export function parseDigest(inflated: Buffer): DigestFile | undefined {
    let parsed: unknown;
    try {
        parsed = JSON.parse(inflated.toString("utf8"));
    } catch {
        return undefined;
    }
    if (!parsed || typeof parsed !== "object" || REQUIRED.some((member) => !(member in (parsed as object)))) {
        return undefined;
    }
    const digest = parsed as DigestFile;
    return { ...digest, logFiles: Array.isArray(digest.logFiles) ? digest.logFiles : [] };
}

/**
 * AWS-CT-301: the string CloudTrail signs, `digestEndTime \n digestS3Bucket/digestS3Object \n hex SHA-256 of the
 * inflated digest \n previousDigestSignature`, with the literal `null` for a chain's first digest.
 */
export function stringToSign(digest: DigestFile, inflatedSha256: string): string {
    return `${digest.digestEndTime}\n${digest.digestS3Bucket}/${digest.digestS3Object}\n${inflatedSha256}\n${digest.previousDigestSignature ?? "null"}`;
}

/**
 * AWS-SDK-300: ListPublicKeys' `Value`, once the SDK has decoded the blob, is base64 text of the DER PKCS#1 key:
 * decoded once more, as the AWS CLI's validator does (`base64.b64decode(public_key)` then a DER RSA key).
 */
export function publicKeyFromValue(value: Uint8Array): KeyObject {
    const der = Buffer.from(Buffer.from(value).toString("ascii"), "base64");
    return createPublicKey({ key: der, format: "der", type: "pkcs1" });
}

/** AWS-CT-301: SHA256withRSA (PKCS #1 v1.5 over SHA-256) of the signed string, the signature being hex. */
export function verifySignature(key: KeyObject, signed: string, signatureHex: string): boolean {
    if (!/^[0-9a-fA-F]+$/.test(signatureHex) || signatureHex.length % 2 !== 0) {
        return false;
    }
    return createVerify("RSA-SHA256").update(signed, "utf8").verify(key, Buffer.from(signatureHex, "hex"));
}
