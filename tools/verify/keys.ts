import type { Drift } from "./drift";
import type { LiveKey } from "./read";
import type { Properties, SettingKind } from "./translate";

/**
 * The bucket's key as the plan and AWS name it may differ in form (key id, key ARN, alias): both are resolved to the
 * key ARN. A key the stack creates is expected to be the one its alias points at.
 */
export async function resolveEncryptionKeys(
    planned: Partial<Record<SettingKind, Properties>>,
    live: Partial<Record<SettingKind, Properties>>,
    computed: ReadonlySet<string>,
    readKey: (keyId: string) => Promise<LiveKey | undefined>,
    aliasKeyArn: () => Promise<string | undefined>,
    drift: Drift[],
    bucket: string,
): Promise<void> {
    const liveRule = encryptionDefault(live.encryption);
    const plannedRule = encryptionDefault(planned.encryption);
    const liveKey = typeof liveRule?.kmsMasterKeyId === "string" ? await readKey(liveRule.kmsMasterKeyId) : undefined;
    if (liveRule && liveKey?.metadata.Arn) {
        liveRule.kmsMasterKeyId = liveKey.metadata.Arn;
    }
    const plannedKeyId = plannedRule?.kmsMasterKeyId;
    if (typeof plannedKeyId !== "string" || !liveRule) {
        return;
    }
    if (computed.has(plannedKeyId)) {
        const expected = await aliasKeyArn();
        if (expected && liveRule.kmsMasterKeyId !== undefined && liveRule.kmsMasterKeyId !== expected) {
            drift.push({ bucket, setting: "encryption.rules[0].applyServerSideEncryptionByDefault.kmsMasterKeyId", expected, actual: liveRule.kmsMasterKeyId ?? null });
        }
        return;
    }
    const plannedKey = await readKey(plannedKeyId);
    if (plannedRule && plannedKey?.metadata.Arn) {
        plannedRule.kmsMasterKeyId = plannedKey.metadata.Arn;
    }
}

function encryptionDefault(setting: Properties | undefined): Properties | undefined {
    const rules = setting?.rules;
    const first = Array.isArray(rules) ? (rules[0] as Properties | undefined) : undefined;
    return first?.applyServerSideEncryptionByDefault as Properties | undefined;
}
