import { FakeResponse, kmsError } from "./errors";
import type { FakeAccount } from "./state";

/**
 * CloudTrail JSON 1.1 (`X-Amz-Target: CloudTrail_20131101.<Operation>`): ListPublicKeys only, answered from the
 * keys of the region the request is signed for (keys are regional). The wire shape is the SDK model's
 * (@aws-sdk/client-cloudtrail ListPublicKeysResponse: Value a blob, so base64 in JSON; times epoch seconds), and
 * the blob holds what the AWS CLI's validator expects after its blob decode: the base64 text of the DER PKCS#1
 * key (AWS-SDK-300). The fake can only echo that layout: it cannot prove AWS serves it.
 */
export function cloudTrailResponse(account: FakeAccount, operation: string, region: string, request: { StartTime?: number; EndTime?: number }): FakeResponse {
    const call = `cloudtrail:${operation}`;
    if (account.denied.has(call)) {
        return kmsError(400, "AccessDeniedException", `User: ${account.callerArn} is not authorized to perform: ${call}`);
    }
    if (operation !== "ListPublicKeys") {
        return kmsError(400, "UnsupportedOperationException", `the fake does not serve ${call}`);
    }
    const now = Date.now() / 1000;
    const start = request.StartTime ?? now;
    const end = request.EndTime ?? now;
    const keys = (account.publicKeys?.[region] ?? []).filter((key) => key.validityStart.getTime() / 1000 <= end && key.validityEnd.getTime() / 1000 >= start);
    return {
        status: 200,
        headers: { "content-type": "application/x-amz-json-1.1" },
        body: JSON.stringify({
            PublicKeyList: keys.map((key) => ({
                Value: Buffer.from(key.der.toString("base64"), "utf8").toString("base64"),
                ValidityStartTime: key.validityStart.getTime() / 1000,
                ValidityEndTime: key.validityEnd.getTime() / 1000,
                Fingerprint: key.fingerprint,
            })),
        }),
    };
}
