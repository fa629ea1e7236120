import { FakeResponse, kmsError } from "./errors";
import type { FakeAccount, FakeKey } from "./state";

/** KMS JSON 1.1: DescribeKey, GetKeyRotationStatus and GetKeyPolicy, each taking a key id, key ARN or alias. */
export function kmsResponse(account: FakeAccount, operation: string, request: { KeyId?: string; PolicyName?: string }): FakeResponse {
    const key = findKey(account, request.KeyId ?? "");
    if (!key) {
        return kmsError(400, "NotFoundException", `Key '${request.KeyId}' does not exist`);
    }
    switch (operation) {
        case "DescribeKey":
            return json({ KeyMetadata: { ...key.metadata, CreationDate: seconds(key.metadata.CreationDate), DeletionDate: key.metadata.DeletionDate && seconds(key.metadata.DeletionDate) } });
        case "GetKeyRotationStatus":
            return json({ KeyId: key.metadata.Arn, KeyRotationEnabled: key.rotationEnabled, RotationPeriodInDays: key.rotationEnabled ? (key.rotationPeriodInDays ?? 365) : undefined });
        case "GetKeyPolicy":
            return json({ Policy: key.policy, PolicyName: request.PolicyName ?? "default" });
        default:
            return kmsError(400, "UnsupportedOperationException", `the fake does not serve kms:${operation}`);
    }
}

/** Key ids, key ARNs, alias names and alias ARNs all name a key, as in the KMS API. */
function findKey(account: FakeAccount, keyId: string): FakeKey | undefined {
    const aliasName = keyId.startsWith("alias/") ? keyId : /^arn:aws:kms:[^:]+:\d{12}:(alias\/.+)$/.exec(keyId)?.[1];
    const id = aliasName ? account.aliases[aliasName] : keyId;
    return account.keys.find((key) => key.metadata.KeyId === id || key.metadata.Arn === id);
}

function seconds(date: Date): number {
    return date.getTime() / 1000;
}

function json(value: unknown): FakeResponse {
    return { status: 200, headers: { "content-type": "application/x-amz-json-1.1" }, body: JSON.stringify(value) };
}
